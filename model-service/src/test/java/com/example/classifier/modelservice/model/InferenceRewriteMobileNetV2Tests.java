package com.example.classifier.modelservice.model;

import java.util.ArrayList;
import java.util.List;

import com.example.classifier.common.test.Fixtures;
import com.example.classifier.modelservice.image.ModelInput;
import com.example.classifier.modelservice.image.PreparedImage;
import com.example.classifier.modelservice.image.Preprocessing;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped MobileNetV2 loaded as the service loads it, with {@code model.graph-rewrites} on (the default) and off:
 * the same 1000 probabilities for every real photo, and the rewritten graph has lost its activation layers and its
 * symmetric zero paddings. (This file was converted with its batch normalisations already folded, so there are none
 * to fold here; the Keras ResNet50 and the tiny graphs cover that.)
 */
class InferenceRewriteMobileNetV2Tests {

	private static final List<String> PHOTOS = List.of("dog.jpg", "eagle.jpg", "giraffe.jpg", "bird.bmp", "cat.bmp");

	private static Dl4jImageClassifier asLoaded;

	private static Dl4jImageClassifier rewritten;

	@BeforeAll
	static void load() {
		ModelProperties properties = new ModelProperties(Fixtures.model(Fixtures.MOBILENETV2_H5), Preprocessing.TORCH,
				null, null, 5, "mobilenetv2-float")
			.withEngine(null, 2, 1);
		asLoaded = ClassifierFactory.createDl4j(properties.withGraphRewrites(false));
		rewritten = ClassifierFactory.createDl4j(properties);
	}

	@AfterAll
	static void close() {
		if (asLoaded != null) {
			asLoaded.close();
		}
		if (rewritten != null) {
			rewritten.close();
		}
	}

	@Test
	void rewrittenGraphGivesTheSameProbabilitiesForEveryPhotoWithin1em4() throws Exception {
		List<PreparedImage> images = new ArrayList<>();
		for (String photo : PHOTOS) {
			images.add(asLoaded.prepare(Fixtures.imageBytes(photo)));
		}
		ModelInput input = asLoaded.input();
		INDArray batch = Nd4j.create(input.stack(images, images.size()), input.batchShape(images.size()), 'c');
		INDArray expected = network(asLoaded).outputSingle(false, batch);
		INDArray actual = network(rewritten).outputSingle(false, batch);
		assertThat(actual.shape()).containsExactly(PHOTOS.size(), 1000);
		for (int i = 0; i < PHOTOS.size(); i++) {
			double difference = expected.getRow(i).sub(actual.getRow(i)).amaxNumber().doubleValue();
			assertThat(difference).as(PHOTOS.get(i)).isLessThan(1e-4);
			assertThat(actual.getRow(i).argMax().getInt(0)).as(PHOTOS.get(i))
				.isEqualTo(expected.getRow(i).argMax().getInt(0));
		}
		// The photos are recognised, so the comparison is between meaningful answers: malamute for the dog.
		assertThat(actual.getRow(0).argMax().getInt(0)).isEqualTo(249);
	}

	@Test
	void activationLayersAndSymmetricPaddingsAreFoldedIntoTheConvolutions() {
		assertThat(count(network(asLoaded), ActivationLayer.class)).isEqualTo(35);
		assertThat(count(network(asLoaded), ZeroPaddingLayer.class)).isEqualTo(5);
		assertThat(count(network(rewritten), ActivationLayer.class)).isZero();
		assertThat(count(network(rewritten), ZeroPaddingLayer.class)).isZero();
		assertThat(network(rewritten).getConfiguration().getVertices()).hasSize(104 - 35 - 5);
	}

	@Test
	void graphRewritesOffRunsTheNetworkExactlyAsLoaded() {
		assertThat(network(asLoaded).getConfiguration().getVertices()).hasSize(104);
	}

	private static ComputationGraph network(Dl4jImageClassifier classifier) {
		return (ComputationGraph) classifier.replicas().get(0);
	}

	private static long count(ComputationGraph graph, Class<?> kind) {
		return graph.getConfiguration()
			.getVertices()
			.values()
			.stream()
			.filter((vertex) -> vertex instanceof LayerVertex layer && kind.isInstance(layer.getLayerConf().getLayer()))
			.count();
	}

}
