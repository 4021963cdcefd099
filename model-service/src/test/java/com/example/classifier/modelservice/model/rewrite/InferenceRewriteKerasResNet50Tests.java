package com.example.classifier.modelservice.model.rewrite;

import java.io.IOException;
import java.util.SplittableRandom;

import com.example.classifier.modelservice.model.Dl4jTestRuntime;
import com.example.classifier.modelservice.model.keras.KerasResNet50;
import com.example.classifier.modelservice.model.keras.KerasResNet50WeightsWriter;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keras ResNet50 built in code, with random weights whose batch normalisation statistics are all non-trivial
 * ({@link KerasResNet50WeightsWriter}): every one of its 53 batch normalisations folds into its convolution, the 33
 * ReLUs right after them into the same convolutions, {@code conv1_pad} into {@code conv1_conv}, and the probabilities
 * stay within 1e-4 on random Caffe-range images.
 */
class InferenceRewriteKerasResNet50Tests {

	private static ComputationGraph original;

	private static InferenceRewrite.Rewritten rewritten;

	@BeforeAll
	static void load() throws IOException {
		Dl4jTestRuntime.configure();
		original = KerasResNet50.load(KerasResNet50WeightsWriter.shared());
		rewritten = InferenceRewrite.rewrite(original);
	}

	@AfterAll
	static void close() {
		if (rewritten != null) {
			rewritten.network().close();
		}
		if (original != null) {
			original.close();
		}
	}

	@Test
	void everyBatchNormAndTheActivationsAfterThemAreFolded() {
		Rewrites done = rewritten.rewrites();
		assertThat(done.batchNorms).hasSize(53).containsEntry("conv1_conv", "conv1_bn");
		assertThat(done.activations).isEqualTo(1 + 16 * 2);
		assertThat(done.paddings).isEqualTo(1);
		ComputationGraph graph = (ComputationGraph) rewritten.network();
		assertThat(graph.getConfiguration().getVertices().values()).noneMatch(
				(vertex) -> vertex instanceof LayerVertex layer
						&& layer.getLayerConf().getLayer() instanceof BatchNormalization);
		// What remains of the activation layers: the ReLU after each block's addition.
		assertThat(graph.getConfiguration().getVertices().values().stream()
			.filter((vertex) -> vertex instanceof LayerVertex layer
					&& layer.getLayerConf().getLayer() instanceof ActivationLayer)
			.count()).isEqualTo(16);
	}

	@Test
	void rewrittenGraphGivesTheSameProbabilitiesWithin1em4OnRandomImages() {
		INDArray images = caffeRangeImages(3, 17);
		INDArray expected = original.outputSingle(false, images);
		INDArray actual = ((ComputationGraph) rewritten.network()).outputSingle(false, images);
		assertThat(expected.amaxNumber().doubleValue()).as("not a flat answer").isGreaterThan(0.01);
		assertThat(expected.sub(actual).amaxNumber().doubleValue()).isLessThan(1e-4);
	}

	/** NHWC images as Caffe preprocessing leaves them: BGR pixels minus the ImageNet mean, about -124..151. */
	private static INDArray caffeRangeImages(int count, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		float[] values = new float[count * 224 * 224 * 3];
		float[] mean = { 103.939f, 116.779f, 123.68f };
		for (int i = 0; i < values.length; i++) {
			values[i] = (float) random.nextDouble(0, 255) - mean[i % 3];
		}
		return Nd4j.create(values, new long[] { count, 224, 224, 3 }, 'c');
	}

}
