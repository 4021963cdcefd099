package com.example.classifier.modelservice.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import com.example.classifier.common.Prediction;
import com.example.classifier.modelservice.image.DecodeBudget;
import com.example.classifier.modelservice.image.ImagePreparer;
import com.example.classifier.modelservice.image.ModelInput;
import com.example.classifier.modelservice.image.PreparedImage;
import com.example.classifier.modelservice.image.Preprocessing;
import com.example.classifier.modelservice.image.Resize;
import com.example.classifier.modelservice.image.UnreadableImageException;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a DL4J network ({@code ComputationGraph} or {@code MultiLayerNetwork}) on prepared images.
 * <p>
 * A DL4J network keeps per-call state (inputs, layer activations, helper contexts), so one copy runs one call at a
 * time. For several concurrent callers ({@code worker.threads}) it holds {@code replicas} copies of the network
 * ({@code model.replicas}); a caller takes a free copy or waits for one.
 */
final class Dl4jImageClassifier implements ImageClassifier {

	/** The network as loaded: replica 0. */
	private final Model network;

	/** Every replica, for close(). */
	private final List<Model> replicas;

	/** Replicas not in use. */
	private final BlockingQueue<Model> idle;

	/** OpenMP threads per call, or {@code null} to leave ND4J's setting alone. */
	private final @Nullable Integer threads;

	private final ModelInput input;

	private final ImagePreparer preparer;

	private final Labels labels;

	private final int topK;

	private final String modelId;

	/** close() never frees a network that is running. */
	private final CloseGuard guard;

	private final DataType dataType;

	private final int classes;

	/** Set when one call's images are spread over all replicas. */
	private final @Nullable BatchSplit split;

	Dl4jImageClassifier(LoadedModel model, Preprocessing preprocessing, Labels labels, int topK) {
		this(model, preprocessing, labels, topK, 1, null);
	}

	/**
	 * @param replicas copies of the network, one per concurrent caller
	 * @param threads OpenMP threads each call may use; {@code null} leaves ND4J's process-wide setting
	 */
	Dl4jImageClassifier(LoadedModel model, Preprocessing preprocessing, Labels labels, int topK, int replicas,
			@Nullable Integer threads) {
		this(model, preprocessing, Resize.CROP, labels, topK, replicas, threads);
	}

	Dl4jImageClassifier(LoadedModel model, Preprocessing preprocessing, Resize resize, Labels labels, int topK,
			int replicas, @Nullable Integer threads) {
		this(model, preprocessing, resize, labels, topK, replicas, threads, false);
	}

	/**
	 * @param split run the images of one call on all replicas at once, {@code threads} each (see {@link BatchSplit});
	 * a single image then runs on one replica with {@code replicas x threads} threads
	 */
	Dl4jImageClassifier(LoadedModel model, Preprocessing preprocessing, Resize resize, Labels labels, int topK,
			int replicas, @Nullable Integer threads, boolean split) {
		if (replicas < 1) {
			throw new IllegalArgumentException("replicas must be at least 1, not " + replicas);
		}
		this.network = model.network();
		this.threads = threads;
		this.input = model.input();
		this.preparer = new ImagePreparer(model.input(), preprocessing, resize);
		this.labels = labels;
		this.topK = topK;
		this.modelId = model.modelId();
		this.guard = new CloseGuard(this.modelId);
		this.dataType = this.network.params().dataType();
		requireOneInputAndOutput(this.network);
		this.replicas = new ArrayList<>(replicas);
		this.idle = new ArrayBlockingQueue<>(replicas);
		this.replicas.add(this.network);
		this.idle.add(this.network);
		int classes = warmUp();
		try {
			for (int i = 1; i < replicas; i++) {
				Model copy = copy(this.network);
				this.replicas.add(copy);
				this.idle.add(copy);
			}
			// Each copy pays its lazy initialisation (workspaces, oneDNN primitives) now rather than on a job.
			for (int i = 1; i < replicas; i++) {
				warmUp();
			}
		}
		catch (RuntimeException ex) {
			for (int i = 1; i < this.replicas.size(); i++) {
				this.replicas.get(i).close();
			}
			throw ex;
		}
		this.classes = classes;
		labels.requireSize(this.classes);
		this.split = (split && replicas > 1) ? new BatchSplit(replicas, this.modelId) : null;
	}

	/** An independent copy (parameters duplicated) that can run at the same time as the original. */
	private static Model copy(Model network) {
		if (network instanceof ComputationGraph graph) {
			return graph.clone();
		}
		return ((MultiLayerNetwork) network).clone();
	}

	/**
	 * One pass at startup: a wrongly detected input shape fails now instead of on the first job, and the first real
	 * batch does not pay for DL4J's lazy initialisation.
	 * @return the number of classes the model outputs
	 */
	private int warmUp() {
		try {
			return run(new float[this.input.valuesPerImage()], 1, this.threads)[0].length;
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
	public PreparedImage prepare(byte[] imageBytes, DecodeBudget budget) throws UnreadableImageException {
		return this.preparer.prepare(imageBytes, budget);
	}

	@Override
	public List<List<Prediction>> classify(List<PreparedImage> batch) {
		if (batch.isEmpty()) {
			return List.of();
		}
		float[][] rows;
		if (this.split != null && batch.size() > 1) {
			rows = this.split.run(batch, (shard) -> run(this.input.stack(shard, shard.size()), shard.size(),
					this.threads));
		}
		else {
			// A single image (or no split): one replica, every thread the call may use.
			rows = run(this.input.stack(batch, batch.size()), batch.size(), threadsForOneCall());
		}
		List<List<Prediction>> results = new ArrayList<>(rows.length);
		for (float[] row : rows) {
			results.add(Scores.ranked(row, this.topK, this.labels));
		}
		return results;
	}

	/** With the batch split, a call on one replica may use the threads of all replicas (the others are idle). */
	private @Nullable Integer threadsForOneCall() {
		if (this.split == null || this.threads == null) {
			return this.threads;
		}
		return this.threads * this.replicas.size();
	}

	private float[][] run(float[] stacked, int batchSize, @Nullable Integer threads) {
		return this.guard.whileOpen(() -> {
			Model replica = take();
			try {
				if (threads != null) {
					Dl4jRuntime.useThreadsInThisThread(threads);
				}
				// Inputs and outputs live off-heap; closing them frees native memory now instead of at some later GC.
				try (INDArray features = features(stacked, batchSize); INDArray output = forward(replica, features)) {
					return output.reshape(batchSize, -1).toFloatMatrix();
				}
			}
			finally {
				this.idle.add(replica);
			}
		});
	}

	private Model take() {
		try {
			return this.idle.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a free copy of " + this.modelId, ex);
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
	private static INDArray forward(Model network, INDArray features) {
		if (network instanceof ComputationGraph graph) {
			return graph.outputSingle(false, features);
		}
		return ((MultiLayerNetwork) network).output(features, false);
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

	/** Copies of the network (for tests: e.g. to look at the layers' helpers). */
	List<Model> replicas() {
		return List.copyOf(this.replicas);
	}

	@Override
	public void close() {
		// Frees the parameters' native memory, which the JVM's garbage collector does not see.
		this.guard.close(() -> {
			if (this.split != null) {
				this.split.close();
			}
			this.replicas.forEach(Model::close);
		});
	}

}
