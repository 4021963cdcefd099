package com.example.classifier.modelservice.model;

import java.util.List;

import com.example.classifier.common.Prediction;
import com.example.classifier.modelservice.image.DecodeBudget;
import com.example.classifier.modelservice.image.PreparedImage;
import com.example.classifier.modelservice.image.UnreadableImageException;

/**
 * A loaded model that names what is in photos. Preparation (decode, resize, crop, normalise) is separate from
 * inference so callers can prepare the next batch while the engine runs the current one.
 */
public interface ImageClassifier extends AutoCloseable {

	/** Identifies model and weights, e.g. {@code mobilenetv2-float.h5@382bf201}; part of result-cache keys. */
	String modelId();

	/** Which inference engine runs the model, e.g. {@code dl4j}; a metrics tag. */
	default String engine() {
		return "dl4j";
	}

	/** Height in pixels of the image the model takes; 0 when unknown. Announced with the worker's heartbeat. */
	default int inputHeight() {
		return 0;
	}

	/** Width in pixels of the image the model takes; 0 when unknown. */
	default int inputWidth() {
		return 0;
	}

	/** Classes the model tells apart; 0 when unknown. */
	default int classes() {
		return 0;
	}

	/**
	 * Decodes and preprocesses one upload into the model's input, within the budget. Thread-safe; may run
	 * concurrently with {@link #classify}.
	 * @throws UnreadableImageException when the bytes are not an image this worker decodes within the budget
	 */
	PreparedImage prepare(byte[] imageBytes, DecodeBudget budget) throws UnreadableImageException;

	/** {@link #prepare(byte[], DecodeBudget)} within the default budget. */
	default PreparedImage prepare(byte[] imageBytes) throws UnreadableImageException {
		return prepare(imageBytes, DecodeBudget.DEFAULT);
	}

	/**
	 * Runs the model on a batch. Returns, for each input in order, the top-k classes, best first.
	 */
	List<List<Prediction>> classify(List<PreparedImage> batch);

	@Override
	default void close() {
	}

}
