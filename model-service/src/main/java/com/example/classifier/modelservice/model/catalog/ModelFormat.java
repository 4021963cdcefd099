package com.example.classifier.modelservice.model.catalog;

import com.example.classifier.modelservice.model.Engine;

/** What a model file holds, which decides how it is loaded and by which engine. */
public enum ModelFormat {

	/** A Keras full model (configuration and weights) in HDF5. */
	KERAS_FULL_MODEL(Engine.DL4J),

	/**
	 * Keras Applications' ResNet50 ImageNet weights: weights only, by Keras layer name; the graph is built in code.
	 */
	KERAS_RESNET50_WEIGHTS(Engine.DL4J),

	/** A DL4J {@code ModelSerializer} archive. */
	DL4J_ZIP(Engine.DL4J),

	/** An ONNX model, run by ONNX Runtime. */
	ONNX(Engine.ONNX);

	private final Engine engine;

	ModelFormat(Engine engine) {
		this.engine = engine;
	}

	public Engine engine() {
		return this.engine;
	}

}
