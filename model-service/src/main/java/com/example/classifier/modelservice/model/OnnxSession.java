package com.example.classifier.modelservice.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
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
import com.example.classifier.modelservice.image.ModelInput;
import com.example.classifier.modelservice.image.TensorLayout;

/**
 * One ONNX Runtime session of an image classifier file: opened with a number of intra-op threads, it runs stacked
 * images and answers one row of scores per image. Sessions are thread-safe; any number of callers run at once.
 */
final class OnnxSession implements AutoCloseable {

	private final OrtEnvironment environment;

	private final OrtSession session;

	private final String inputName;

	private final long[] inputShape;

	OnnxSession(Path path, int intraOpThreads) throws OrtException {
		this.environment = OrtEnvironment.getEnvironment();
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
			this.inputShape = imageShape(path, entry.getValue());
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

	/** The batch size the model was exported with, or -1 when the batch axis is dynamic. */
	long fixedBatch() {
		return this.inputShape[0];
	}

	/** NCHW when axis 1 has 3 channels, NHWC when axis 3 has; spatial sizes must be fixed. */
	ModelInput input(Path path) {
		long[] shape = this.inputShape;
		if (shape[1] == 3 && shape[2] > 0 && shape[3] > 0) {
			return new ModelInput((int) shape[2], (int) shape[3], 3, TensorLayout.NCHW);
		}
		if (shape[3] == 3 && shape[1] > 0 && shape[2] > 0) {
			return new ModelInput((int) shape[1], (int) shape[2], 3, TensorLayout.NHWC);
		}
		throw new ModelLoadingException("Cannot tell the image layout of the ONNX model " + path
				+ " from its input shape " + java.util.Arrays.toString(shape)
				+ ": expected [N,3,H,W] or [N,H,W,3] with fixed height and width");
	}

	/** Runs {@code batchSize} images stacked in {@code input}'s layout; one row of scores per image. */
	float[][] run(float[] stacked, int batchSize, ModelInput input) throws OrtException {
		// A direct buffer is handed to ONNX Runtime without another copy.
		FloatBuffer buffer = ByteBuffer.allocateDirect(stacked.length * Float.BYTES)
			.order(ByteOrder.nativeOrder())
			.asFloatBuffer();
		buffer.put(stacked).rewind();
		try (OnnxTensor tensor = OnnxTensor.createTensor(this.environment, buffer, input.batchShape(batchSize));
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
	}

	@Override
	public void close() throws OrtException {
		this.session.close();
	}

}
