package com.example.classifier.modelservice.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import ai.onnxruntime.TensorInfo;
import com.example.classifier.common.Prediction;
import com.example.classifier.modelservice.image.DecodeBudget;
import com.example.classifier.modelservice.image.ImagePreparer;
import com.example.classifier.modelservice.image.ModelInput;
import com.example.classifier.modelservice.image.PreparedImage;
import com.example.classifier.modelservice.image.Preprocessing;
import com.example.classifier.modelservice.image.Resize;
import com.example.classifier.modelservice.image.TensorLayout;
import com.example.classifier.modelservice.image.UnreadableImageException;

/**
 * Runs an ONNX model with ONNX Runtime's CPU execution provider. One {@link OrtSession} serves every caller: ONNX
 * Runtime sessions are thread-safe, so {@code worker.threads} callers run at once without copies of the weights.
 * Input name, size and layout are read from the session's input; outputs are logits or probabilities (softmax is
 * applied to logits).
 */
final class OnnxImageClassifier implements ImageClassifier {

	private final OrtEnvironment environment;

	private final OrtSession session;

	private final String inputName;

	private final ModelInput input;

	/** The batch size the model was exported with, or -1 when the batch axis is dynamic. */
	private final long fixedBatch;

	private final ImagePreparer preparer;

	private final Labels labels;

	private final int topK;

	private final String modelId;

	private final int classes;

	private final int intraOpThreads;

	/** The session is never freed under a running call. */
	private final CloseGuard guard;

	OnnxImageClassifier(Path path, Preprocessing preprocessing, Labels labels, int topK, int intraOpThreads)
			throws IOException, OrtException {
		this(path, ModelLoader.fileModelId(path), preprocessing, Resize.CROP, labels, topK, intraOpThreads);
	}

	OnnxImageClassifier(Path path, String modelId, Preprocessing preprocessing, Resize resize, Labels labels,
			int topK, int intraOpThreads) throws OrtException {
		this.environment = OrtEnvironment.getEnvironment();
		this.intraOpThreads = intraOpThreads;
		this.guard = new CloseGuard(modelId);
		try (SessionOptions options = new SessionOptions()) {
			options.setIntraOpNumThreads(intraOpThreads);
			options.setInterOpNumThreads(1);
			options.setExecutionMode(ExecutionMode.SEQUENTIAL);
			options.setOptimizationLevel(OptLevel.ALL_OPT);
			this.session = this.environment.createSession(path.toString(), options);
		}
		try {
			if (this.session.getNumInputs() != 1 || this.session.getNumOutputs() != 1) {
				throw new ModelLoadingException("The ONNX model " + path + " has inputs "
						+ this.session.getInputNames() + " and outputs " + this.session.getOutputNames()
						+ "; an image classifier needs exactly one of each");
			}
			Map.Entry<String, NodeInfo> entry = this.session.getInputInfo().entrySet().iterator().next();
			this.inputName = entry.getKey();
			long[] shape = imageShape(path, entry.getValue());
			this.fixedBatch = shape[0];
			this.input = inputOf(path, shape);
			this.preparer = new ImagePreparer(this.input, preprocessing, resize);
			this.labels = labels;
			this.topK = topK;
			this.modelId = modelId;
			this.classes = warmUp();
			labels.requireSize(this.classes);
		}
		catch (OrtException | RuntimeException ex) {
			this.session.close();
			throw ex;
		}
	}

	private static long[] imageShape(Path path, NodeInfo info) {
		if (!(info.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT
				|| tensor.getShape().length != 4) {
			throw new ModelLoadingException("The ONNX model " + path + " takes " + info.getInfo()
					+ "; an image classifier needs one float tensor of rank 4 (NCHW or NHWC)");
		}
		return tensor.getShape();
	}

	/** NCHW when axis 1 has 3 channels, NHWC when axis 3 has; spatial sizes must be fixed. */
	private static ModelInput inputOf(Path path, long[] shape) {
		ModelInput input = null;
		if (shape[1] == 3 && shape[2] > 0 && shape[3] > 0) {
			input = new ModelInput((int) shape[2], (int) shape[3], 3, TensorLayout.NCHW);
		}
		else if (shape[3] == 3 && shape[1] > 0 && shape[2] > 0) {
			input = new ModelInput((int) shape[1], (int) shape[2], 3, TensorLayout.NHWC);
		}
		if (input == null) {
			throw new ModelLoadingException("Cannot tell the image layout of the ONNX model " + path
					+ " from its input shape " + java.util.Arrays.toString(shape)
					+ ": expected [N,3,H,W] or [N,H,W,3] with fixed height and width");
		}
		return input;
	}

	/** One pass at startup: fails now rather than on the first job, and returns the number of classes. */
	private int warmUp() throws OrtException {
		return infer(new float[this.input.valuesPerImage()], 1)[0].length;
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
		// A model exported with a fixed batch size runs in chunks of that size (the last one padded).
		int chunk = (this.fixedBatch > 0) ? (int) this.fixedBatch : batch.size();
		List<List<Prediction>> results = new ArrayList<>(batch.size());
		for (int start = 0; start < batch.size(); start += chunk) {
			int count = Math.min(chunk, batch.size() - start);
			float[] stacked = this.input.stack(batch.subList(start, start + count), chunk);
			float[][] rows;
			try {
				rows = infer(stacked, stacked.length / this.input.valuesPerImage());
			}
			catch (OrtException ex) {
				throw new IllegalStateException("ONNX Runtime failed on a batch of " + count + ": " + ex.getMessage(),
						ex);
			}
			for (int i = 0; i < count; i++) {
				results.add(Scores.ranked(rows[i], this.topK, this.labels));
			}
		}
		return results;
	}

	private float[][] infer(float[] stacked, int batchSize) throws OrtException {
		return this.guard.whileOpen(() -> {
			// A direct buffer is handed to ONNX Runtime without another copy.
			FloatBuffer buffer = ByteBuffer.allocateDirect(stacked.length * Float.BYTES)
				.order(ByteOrder.nativeOrder())
				.asFloatBuffer();
			buffer.put(stacked).rewind();
			try (OnnxTensor tensor = OnnxTensor.createTensor(this.environment, buffer,
					this.input.batchShape(batchSize));
					OrtSession.Result result = this.session.run(Map.of(this.inputName, tensor))) {
				OnnxValue value = result.get(0);
				if (!(value instanceof OnnxTensor output) || output.getInfo().type != OnnxJavaType.FLOAT) {
					throw new IllegalStateException("The ONNX model's output is " + value.getInfo()
							+ "; expected float scores");
				}
				FloatBuffer scores = output.getFloatBuffer();
				int perImage = scores.remaining() / batchSize;
				float[][] rows = new float[batchSize][perImage];
				for (float[] row : rows) {
					scores.get(row);
				}
				return rows;
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

	@Override
	public void close() {
		try {
			this.guard.close(this.session::close);
		}
		catch (OrtException ex) {
			throw new IllegalStateException("Closing the ONNX Runtime session failed: " + ex.getMessage(), ex);
		}
	}

}
