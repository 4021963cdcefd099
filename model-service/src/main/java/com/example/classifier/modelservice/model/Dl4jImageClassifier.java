package com.example.classifier.modelservice.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import com.example.classifier.common.Prediction;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a DL4J network ({@code ComputationGraph} or {@code MultiLayerNetwork}) on prepared images.
 */
final class Dl4jImageClassifier implements ImageClassifier {

	private final Model network;

	private final ModelInput input;

	private final ImagePreparer preparer;

	private final Labels labels;

	private final int topK;

	private final String modelId;

	/** DL4J networks keep per-call state (inputs, layer activations), so output() must not run concurrently. */
	private final ReentrantLock lock = new ReentrantLock();

	private final DataType dataType;

	private final int classes;

	private boolean closed;

	Dl4jImageClassifier(LoadedModel model, Preprocessing preprocessing, Labels labels, int topK) {
		this.network = model.network();
		this.input = model.input();
		this.preparer = new ImagePreparer(model.input(), preprocessing);
		this.labels = labels;
		this.topK = topK;
		this.modelId = model.modelId();
		this.dataType = this.network.params().dataType();
		requireOneInputAndOutput(this.network);
		this.classes = warmUp();
		labels.requireSize(this.classes);
	}

	/**
	 * One pass at startup: a wrongly detected input shape fails now instead of on the first job, and the first real
	 * batch does not pay for DL4J's lazy initialisation.
	 * @return the number of classes the model outputs
	 */
	private int warmUp() {
		try {
			return run(new float[this.input.valuesPerImage()], 1)[0].length;
		}
		catch (RuntimeException ex) {
			throw new ModelLoadingException("The model " + this.modelId + " fails on a blank " + this.input
					+ " image, the input it appears to take: " + ex.getMessage(), ex);
		}
	}

	@Override
	public String modelId() {
		return this.modelId;
	}

	@Override
	public PreparedImage prepare(byte[] imageBytes) throws UnreadableImageException {
		return this.preparer.prepare(imageBytes);
	}

	@Override
	public List<List<Prediction>> classify(List<PreparedImage> batch) {
		if (batch.isEmpty()) {
			return List.of();
		}
		int size = this.input.valuesPerImage();
		float[] stacked = new float[batch.size() * size];
		for (int i = 0; i < batch.size(); i++) {
			float[] pixels = batch.get(i).pixels();
			if (pixels.length != size) {
				throw new IllegalArgumentException("Image " + i + " has " + pixels.length + " values; this model ("
						+ this.input + ") takes " + size + ". Was it prepared by another classifier?");
			}
			System.arraycopy(pixels, 0, stacked, i * size, size);
		}
		float[][] rows = run(stacked, batch.size());
		List<List<Prediction>> results = new ArrayList<>(rows.length);
		for (float[] row : rows) {
			if (!Scores.isProbabilities(row)) {
				Scores.softmax(row);
			}
			results.add(Scores.top(row, this.topK, this.labels));
		}
		return results;
	}

	private float[][] run(float[] stacked, int batchSize) {
		this.lock.lock();
		try {
			if (this.closed) {
				throw new IllegalStateException("The classifier " + this.modelId + " is closed");
			}
			// Inputs and outputs live off-heap; closing them frees native memory now instead of at some later GC.
			try (INDArray features = features(stacked, batchSize); INDArray output = forward(features)) {
				return output.reshape(batchSize, -1).toFloatMatrix();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private INDArray features(float[] stacked, int batchSize) {
		INDArray features = Nd4j.create(stacked, this.input.batchShape(batchSize), 'c');
		if (features.dataType() == this.dataType) {
			return features;
		}
		try (features) {
			return features.castTo(this.dataType);
		}
	}

	/** Inference mode (train=false): dropout off, batch norm uses its running statistics; result detached. */
	private INDArray forward(INDArray features) {
		if (this.network instanceof ComputationGraph graph) {
			return graph.outputSingle(false, features);
		}
		return ((MultiLayerNetwork) this.network).output(features, false);
	}

	private static void requireOneInputAndOutput(Model network) {
		if (network instanceof ComputationGraph graph && (graph.getConfiguration().getNetworkInputs().size() != 1
				|| graph.getConfiguration().getNetworkOutputs().size() != 1)) {
			throw new ModelLoadingException("The model has inputs " + graph.getConfiguration().getNetworkInputs()
					+ " and outputs " + graph.getConfiguration().getNetworkOutputs()
					+ "; an image classifier needs exactly one of each");
		}
	}

	ModelInput input() {
		return this.input;
	}

	Preprocessing preprocessing() {
		return this.preparer.preprocessing();
	}

	int classes() {
		return this.classes;
	}

	@Override
	public void close() {
		this.lock.lock();
		try {
			if (!this.closed) {
				this.closed = true;
				// Frees the parameters' native memory, which the JVM's garbage collector does not see.
				this.network.close();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

}
