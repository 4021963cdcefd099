package com.example.classifier.modelservice.model;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import com.example.classifier.common.Prediction;
import com.example.classifier.modelservice.image.ModelInput;
import com.example.classifier.modelservice.image.Preprocessing;
import com.example.classifier.modelservice.image.TensorLayout;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

class ModelLoaderTests {

	@TempDir
	Path dir;

	@Test
	void missingFileNamesModelPath() {
		assertThatExceptionOfType(ModelLoadingException.class)
			.isThrownBy(() -> loader().load(this.dir.resolve("nowhere.h5")))
			.withMessageContaining("MODEL_PATH")
			.withMessageContaining("nowhere.h5")
			.withMessageContaining("does not exist");
	}

	@Test
	void unknownExtensionNamesModelPath() throws IOException {
		Path onnx = Files.write(this.dir.resolve("model.onnx"), new byte[] { 1, 2, 3 });
		assertThatExceptionOfType(ModelLoadingException.class).isThrownBy(() -> loader().load(onnx))
			.withMessageContaining("MODEL_PATH")
			.withMessageContaining("unsupported file type")
			.withMessageContaining(".h5")
			.withMessageContaining(".zip");
	}

	@Test
	void corruptFilesNameModelPath() throws IOException {
		Path h5 = Files.writeString(this.dir.resolve("broken.h5"), "not HDF5");
		Path zip = Files.writeString(this.dir.resolve("broken.zip"), "not a zip");
		assertThatExceptionOfType(ModelLoadingException.class).isThrownBy(() -> loader().load(h5))
			.withMessageContaining("MODEL_PATH")
			.withMessageContaining("broken.h5");
		assertThatExceptionOfType(ModelLoadingException.class).isThrownBy(() -> loader().load(zip))
			.withMessageContaining("MODEL_PATH")
			.withMessageContaining("broken.zip");
	}

	@Test
	void loadsADl4jMultiLayerNetworkWithItsInputShapeAndAppliesSoftmaxToLogits() throws Exception {
		// Flat input reshaped by a preprocessor: the configuration records the full 32x32x3 shape.
		MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
			.list()
			.layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
			.layer(new GlobalPoolingLayer())
			.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(4).activation(Activation.IDENTITY)
				.build())
			.setInputType(InputType.convolutionalFlat(32, 32, 3))
			.build());
		network.init();
		Path zip = this.dir.resolve("tiny.zip");
		ModelSerializer.writeModel(network, zip.toFile(), false);

		LoadedModel model = loader().load(zip);
		assertThat(model.input()).isEqualTo(new ModelInput(32, 32, 3, TensorLayout.NCHW));
		assertThat(model.modelId()).matches("tiny\\.zip@[0-9a-f]{8}");
		assertThat(model.defaultPreprocessing()).isEqualTo(Preprocessing.CAFFE);
		assertThat(model.network()).isInstanceOf(MultiLayerNetwork.class);

		Labels labels = new Labels(List.of("a", "b", "c", "d"), "test");
		try (Dl4jImageClassifier classifier = new Dl4jImageClassifier(model, Preprocessing.CAFFE, labels, 5)) {
			List<Prediction> top = classifier.classify(List.of(classifier.prepare(png()))).get(0);
			assertThat(top).hasSize(4);
			assertThat(top.stream().mapToDouble(Prediction::score).sum()).isCloseTo(1.0, within(1e-4));
		}
	}

	@Test
	void loadsADl4jGraphWithChannelsLastLayout() throws Exception {
		ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1)
			.graphBuilder()
			.addInputs("image")
			.setInputTypes(InputType.convolutional(8, 8, 3, CNN2DFormat.NHWC))
			.addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).dataFormat(CNN2DFormat.NHWC).build(), "image")
			.addLayer("pool", new GlobalPoolingLayer(), "conv")
			.addLayer("out", new OutputLayer.Builder().nOut(3).activation(Activation.SOFTMAX).build(), "pool")
			.setOutputs("out")
			.build());
		graph.init();
		Path zip = this.dir.resolve("graph.zip");
		ModelSerializer.writeModel(graph, zip.toFile(), false);

		LoadedModel model = loader().load(zip);
		// Layout and channels come from the first convolution; the size is not recorded, hence the 224 fallback.
		assertThat(model.input()).isEqualTo(new ModelInput(224, 224, 3, TensorLayout.NHWC));
		assertThat(model.network()).isInstanceOf(ComputationGraph.class);
		Labels labels = new Labels(List.of("x", "y", "z"), "test");
		try (Dl4jImageClassifier classifier = new Dl4jImageClassifier(model, Preprocessing.TF, labels, 2)) {
			List<List<Prediction>> results = classifier
				.classify(List.of(classifier.prepare(png()), classifier.prepare(png())));
			assertThat(results).hasSize(2).allSatisfy((top) -> assertThat(top).hasSize(2));
		}
	}

	@Test
	void labelCountMustMatchTheModel() throws Exception {
		MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
			.layer(new ConvolutionLayer.Builder(3, 3).nOut(2).build())
			.layer(new GlobalPoolingLayer())
			.layer(new OutputLayer.Builder().nOut(7).activation(Activation.SOFTMAX).build())
			.setInputType(InputType.convolutionalFlat(16, 16, 3))
			.build());
		network.init();
		Path zip = this.dir.resolve("seven.zip");
		ModelSerializer.writeModel(network, zip.toFile(), false);
		LoadedModel model = loader().load(zip);
		assertThatExceptionOfType(ModelLoadingException.class)
			.isThrownBy(() -> new Dl4jImageClassifier(model, Preprocessing.CAFFE, Labels.imagenet(), 5))
			.withMessageContaining("1000 labels but the model outputs 7 classes");
	}

	private ModelLoader loader() {
		return new ModelLoader();
	}

	private static byte[] png() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB), "png", out);
		return out.toByteArray();
	}

}
