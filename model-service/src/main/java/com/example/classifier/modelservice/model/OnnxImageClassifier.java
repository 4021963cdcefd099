package com.example.classifier.modelservice.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.onnxruntime.OrtException;
import com.example.classifier.common.Prediction;
import com.example.classifier.modelservice.image.DecodeBudget;
import com.example.classifier.modelservice.image.ImagePreparer;
import com.example.classifier.modelservice.image.ModelInput;
import com.example.classifier.modelservice.image.PreparedImage;
import com.example.classifier.modelservice.image.Preprocessing;
import com.example.classifier.modelservice.image.Resize;
import com.example.classifier.modelservice.image.UnreadableImageException;
import org.jspecify.annotations.Nullable;

/**
 * Runs an ONNX model with ONNX Runtime's CPU execution provider. One session serves every caller: ONNX Runtime
 * sessions are thread-safe, so {@code worker.threads} callers run at once without copies of the weights. With the batch
 * split ({@code model.batch-split}, one worker thread and several intra-op threads), a second session with one thread
 * runs each batch in parts on all threads at once ({@link BatchSplit}), while a single image still runs on the first
 * session's threads. Input name, size and layout are read from the session's input; outputs are logits or
 * probabilities (softmax is applied to logits).
 */
final class OnnxImageClassifier implements ImageClassifier {

	/** Runs single images, and every call without the split: {@code intraOpThreads} threads per call. */
	private final OnnxSession session;

	/** With the split: a single-threaded session, run by one call per thread of its pool at once. */
	private final @Nullable Split split;

	private final ModelInput input;

	/** The batch size the model was exported with, or -1 when the batch axis is dynamic. */
	private final long fixedBatch;

	private final ImagePreparer preparer;

	private final Labels labels;

	private final int topK;

	private final String modelId;

	private final int classes;

	private final int intraOpThreads;

	/** The sessions are never freed under a running call. */
	private final CloseGuard guard;

	OnnxImageClassifier(Path path, Preprocessing preprocessing, Labels labels, int topK, int intraOpThreads)
			throws IOException, OrtException {
		this(path, ModelLoader.fileModelId(path), preprocessing, Resize.CROP, labels, topK, intraOpThreads, false);
	}

	/**
	 * @param split spread each batch over {@code intraOpThreads} single-threaded calls at once (a second session);
	 * ignored for one thread or a model exported with a fixed batch size
	 */
	OnnxImageClassifier(Path path, String modelId, Preprocessing preprocessing, Resize resize, Labels labels,
			int topK, int intraOpThreads, boolean split) throws OrtException {
		this.intraOpThreads = intraOpThreads;
		this.guard = new CloseGuard(modelId);
		this.session = new OnnxSession(path, intraOpThreads);
		OnnxSession shards = null;
		try {
			this.fixedBatch = this.session.fixedBatch();
			this.input = this.session.input(path);
			this.preparer = new ImagePreparer(this.input, preprocessing, resize);
			this.labels = labels;
			this.topK = topK;
			this.modelId = modelId;
			this.classes = warmUp(this.session);
			labels.requireSize(this.classes);
			if (split && intraOpThreads > 1 && this.fixedBatch <= 0) {
				shards = new OnnxSession(path, 1);
				warmUp(shards);
			}
		}
		catch (OrtException | RuntimeException ex) {
			this.session.close();
			if (shards != null) {
				shards.close();
			}
			throw ex;
		}
		this.split = (shards != null) ? new Split(shards, new BatchSplit(intraOpThreads, "onnx-" + modelId)) : null;
	}

	/** One pass at startup: fails now rather than on the first job, and returns the number of classes. */
	private int warmUp(OnnxSession on) throws OrtException {
		return on.run(new float[this.input.valuesPerImage()], 1, this.input)[0].length;
	}

	@Override
	public String modelId() {
		return this.modelId;
	}

	@Override
	public String engine() {
		return "onnx";
	}

	@Override
	public PreparedImage prepare(byte[] imageBytes, DecodeBudget budget) throws UnreadableImageException {
		return this.preparer.prepare(imageBytes, budget);
	}

	@Override
	public List<List<Prediction>> classify(List<PreparedImage> batch) {
		if (batch.isEmpty()) {
			return List.of();
		}
		Split split = this.split;
		if (split != null && batch.size() > 1) {
			return ranked(split.pool().run(batch, (shard) -> infer(split.session(), this.input.stack(shard,
					shard.size()), shard.size())), batch.size());
		}
		// A model exported with a fixed batch size runs in chunks of that size (the last one padded).
		int chunk = (this.fixedBatch > 0) ? (int) this.fixedBatch : batch.size();
		List<List<Prediction>> results = new ArrayList<>(batch.size());
		for (int start = 0; start < batch.size(); start += chunk) {
			int count = Math.min(chunk, batch.size() - start);
			float[] stacked = this.input.stack(batch.subList(start, start + count), chunk);
			results.addAll(ranked(infer(this.session, stacked, stacked.length / this.input.valuesPerImage()), count));
		}
		return results;
	}

	private List<List<Prediction>> ranked(float[][] rows, int count) {
		List<List<Prediction>> results = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			results.add(Scores.ranked(rows[i], this.topK, this.labels));
		}
		return results;
	}

	private float[][] infer(OnnxSession on, float[] stacked, int batchSize) {
		return this.guard.whileOpen(() -> {
			try {
				return on.run(stacked, batchSize, this.input);
			}
			catch (OrtException ex) {
				throw new IllegalStateException("ONNX Runtime failed on a batch of " + batchSize + ": "
						+ ex.getMessage(), ex);
			}
		});
	}

	ModelInput input() {
		return this.input;
	}

	Preprocessing preprocessing() {
		return this.preparer.preprocessing();
	}

	@Override
	public int inputHeight() {
		return this.input.height();
	}

	@Override
	public int inputWidth() {
		return this.input.width();
	}

	@Override
	public int classes() {
		return this.classes;
	}

	int intraOpThreads() {
		return this.intraOpThreads;
	}

	/** Whether each batch is spread over single-threaded calls at once. */
	boolean splitsBatches() {
		return this.split != null;
	}

	@Override
	public void close() {
		try {
			this.guard.close(() -> {
				try {
					this.session.close();
				}
				finally {
					if (this.split != null) {
						this.split.close();
					}
				}
			});
		}
		catch (OrtException ex) {
			throw new IllegalStateException("Closing the ONNX Runtime session failed: " + ex.getMessage(), ex);
		}
	}

	/** The second session and the pool that runs its shards. */
	private record Split(OnnxSession session, BatchSplit pool) implements AutoCloseable {

		@Override
		public void close() throws OrtException {
			try {
				this.session.close();
			}
			finally {
				this.pool.close();
			}
		}

	}

}
