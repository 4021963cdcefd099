package com.example.classifier.modelservice.model;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

import com.example.classifier.common.Prediction;
import com.example.classifier.common.test.TestPhotos;
import com.example.classifier.modelservice.image.ModelInput;
import com.example.classifier.modelservice.image.Preprocessing;
import com.example.classifier.modelservice.image.TensorLayout;
import com.example.classifier.modelservice.model.catalog.Artifact;
import com.example.classifier.modelservice.model.catalog.ModelCatalogue;
import com.example.classifier.modelservice.model.catalog.ModelFormat;
import com.example.classifier.modelservice.model.catalog.ResolvedModel;
import com.example.classifier.modelservice.model.keras.KerasResNet50;
import com.example.classifier.modelservice.model.keras.KerasResNet50WeightsWriter;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The service's input detection and classifier on the Keras ResNet50 graph (random weights of the real layout). */
class KerasResNet50InputTests {

	@Test
	void serviceDetects224x224x3ChannelsLastAndFeedsTheCaffeImageAsKerasWould() throws Exception {
		Dl4jRuntime.configure(Dl4jNatives.AUTO, 2, null);
		ComputationGraph graph = KerasResNet50.load(KerasResNet50WeightsWriter.shared());
		ModelInput input = InputShapeDetector.fromNetwork(graph, null);
		assertThat(input).isEqualTo(new ModelInput(224, 224, 3, TensorLayout.NHWC));

		// A plain colour: after resizing every pixel is (R 200, G 100, B 50), so the tensor Keras' caffe mode makes
		// is known without the service's code: BGR minus the ImageNet mean, channels last.
		float[] expected;
		try (INDArray keras = Nd4j.createFromArray(50 - 103.939f, 100 - 116.779f, 200 - 123.68f)
			.reshape(1, 1, 1, 3)
			.broadcast(1, 224, 224, 3)
			.dup(); INDArray output = graph.outputSingle(false, keras)) {
			expected = output.toFloatVector();
		}
		try (Dl4jImageClassifier classifier = new Dl4jImageClassifier(
				new LoadedModel(graph, input, "keras-resnet50", Preprocessing.CAFFE, "Keras ResNet50 weights"),
				Preprocessing.CAFFE, Labels.imagenet(), 5)) {
			List<Prediction> top = classifier.classify(List.of(classifier.prepare(plainImage(200, 100, 50)))).get(0);
			assertThat(classifier.classes()).isEqualTo(1000);
			assertThat(top).hasSize(5);
			for (Prediction prediction : top) {
				assertThat(prediction.score()).as("class %d", prediction.index())
					.isCloseTo(expected[prediction.index()], within(1e-5));
			}
			assertThat(top.get(0).score()).isCloseTo(max(expected), within(1e-5));
		}
	}

	@Test
	void theCatalogueLoadsKerasResNet50WeightsWithCaffePreprocessingAndItsModelId() throws Exception {
		Dl4jRuntime.configure(Dl4jNatives.AUTO, 2, null);
		java.nio.file.Path file = KerasResNet50WeightsWriter.shared();
		Artifact artifact = ModelCatalogue.standard().find("resnet50").orElseThrow().artifacts().get(0);
		assertThat(artifact.format()).isEqualTo(ModelFormat.KERAS_RESNET50_WEIGHTS);
		LoadedModel model = new ModelLoader().load(new ResolvedModel(file, artifact, "resnet50@2cb95161", false));
		try {
			assertThat(model.input()).isEqualTo(new ModelInput(224, 224, 3, TensorLayout.NHWC));
			assertThat(model.defaultPreprocessing()).isEqualTo(Preprocessing.CAFFE);
			assertThat(model.modelId()).isEqualTo("resnet50@2cb95161");
			assertThat(model.network().numParams()).isEqualTo(25_636_712L);
		}
		finally {
			model.network().close();
		}
	}

	private static byte[] plainImage(int red, int green, int blue) throws IOException {
		BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(red, green, blue));
		graphics.fillRect(0, 0, 320, 240);
		graphics.dispose();
		return TestPhotos.encode(image, "png");
	}

	private static double max(float[] values) {
		double max = Double.NEGATIVE_INFINITY;
		for (float value : values) {
			max = Math.max(max, value);
		}
		return max;
	}

}
