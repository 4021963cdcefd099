package com.example.classifier.modelservice.model.keras;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.example.classifier.modelservice.model.Dl4jTestRuntime;
import com.example.classifier.modelservice.model.ModelLoadingException;
import com.example.classifier.modelservice.model.keras.KerasResNet50Spec.Layer;
import com.example.classifier.modelservice.model.keras.KerasResNet50Spec.Weight;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Weight files that differ from Keras' ResNet50 file: accepted variants and clear refusals. */
class KerasResNet50FileTests {

	@TempDir
	Path dir;

	@BeforeAll
	static void configure() {
		Dl4jTestRuntime.configure();
	}

	@Test
	void loadsAFileWhoseClassifierIsNamedPredictionsAsCurrentKerasNamesIt() {
		Path file = this.dir.resolve("predictions.h5");
		KerasResNet50WeightsWriter.write(file, KerasResNet50Spec.layers("predictions"), 5, false);
		ComputationGraph graph = KerasResNet50.load(file);
		try (KerasWeightsFile weights = KerasWeightsFile.open(file);
				INDArray kernel = weights.read("predictions", "predictions/kernel:0")) {
			assertThat(graph.numParams()).isEqualTo(25_636_712L);
			assertThat(graph.getLayer("predictions").getParam("W")).isEqualTo(kernel);
		}
		finally {
			graph.close();
		}
	}

	@Test
	void aMissingLayerFailsNamingTheFileAndTheLayer() {
		Path file = this.dir.resolve("missing.h5");
		List<Layer> layers = new ArrayList<>(KerasResNet50Spec.layers("probs"));
		assertThat(layers.removeIf((layer) -> layer.name().equals("conv3_block2_2_bn"))).isTrue();
		KerasResNet50WeightsWriter.write(file, layers, 5, false);

		assertThatExceptionOfType(ModelLoadingException.class).isThrownBy(() -> KerasResNet50.load(file))
			.withMessageContaining(file.toAbsolutePath().toString())
			.withMessageContaining("layer conv3_block2_2_bn is missing");
	}

	@Test
	void aKernelOfAnotherShapeFailsNamingTheLayerAndBothShapes() {
		Path file = this.dir.resolve("misshapen.h5");
		List<Layer> layers = replace(KerasResNet50Spec.layers("probs"), "conv2_block1_1_conv",
				(layer) -> layer.withShape("kernel", 1, 1, 64, 32));
		KerasResNet50WeightsWriter.write(file, layers, 5, false);

		assertThatExceptionOfType(ModelLoadingException.class).isThrownBy(() -> KerasResNet50.load(file))
			.withMessageContaining(file.toAbsolutePath().toString())
			.withMessageContaining("layer conv2_block1_1_conv kernel has shape [1, 1, 64, 32], ResNet50 needs [1, 1, 64, 64]");
	}

	@Test
	void aBatchNormWithoutItsMovingVarianceFailsNamingTheLayerAndWeight() {
		Path file = this.dir.resolve("no-variance.h5");
		List<Layer> layers = replace(KerasResNet50Spec.layers("probs"), "conv1_bn",
				(layer) -> new Layer(layer.name(), layer.className(), layer.config(), layer.inbound(),
						layer.weights().stream().filter((w) -> !w.name().equals("moving_variance")).toList()));
		KerasResNet50WeightsWriter.write(file, layers, 5, false);

		assertThatExceptionOfType(ModelLoadingException.class).isThrownBy(() -> KerasResNet50.load(file))
			.withMessageContaining("layer conv1_bn has no moving_variance");
	}

	@Test
	void aFileThatIsNotHdf5FailsNamingTheFile() throws IOException {
		Path file = Files.writeString(this.dir.resolve("resnet50.h5"), "<html>Not Found</html>");
		assertThatExceptionOfType(ModelLoadingException.class).isThrownBy(() -> KerasResNet50.load(file))
			.withMessageStartingWith("The Keras weights file " + file.toAbsolutePath() + " is not an HDF5 file");
	}

	@Test
	void aMissingFileFailsNamingIt() {
		Path file = this.dir.resolve("absent.h5");
		assertThatExceptionOfType(ModelLoadingException.class).isThrownBy(() -> KerasResNet50.load(file))
			.withMessage("The Keras weights file " + file.toAbsolutePath() + " does not exist");
	}

	@Test
	void readsWeightNamesStoredAsFixedOrVariableLengthStrings() {
		Layer conv = KerasResNet50Spec.layers("probs").get(2);
		assertThat(conv.weights()).extracting(Weight::name).containsExactly("kernel", "bias");
		for (boolean variableLength : new boolean[] { false, true }) {
			Path file = this.dir.resolve("conv1-" + variableLength + ".h5");
			KerasResNet50WeightsWriter.write(file, List.of(conv), 5, variableLength);
			try (KerasWeightsFile weights = KerasWeightsFile.open(file)) {
				assertThat(weights.weightNames("conv1_conv")).as("variable length: %s", variableLength)
					.containsExactly("conv1_conv/kernel:0", "conv1_conv/bias:0");
			}
		}
	}

	private static List<Layer> replace(List<Layer> layers, String name, java.util.function.UnaryOperator<Layer> change) {
		List<Layer> changed = new ArrayList<>();
		for (Layer layer : layers) {
			changed.add(layer.name().equals(name) ? change.apply(layer) : layer);
		}
		assertThat(changed).isNotEqualTo(layers);
		return changed;
	}

}
