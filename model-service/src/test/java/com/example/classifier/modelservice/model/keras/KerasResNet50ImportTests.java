package com.example.classifier.modelservice.model.keras;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.example.classifier.modelservice.model.Dl4jTestRuntime;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Keras' ResNet50 from a weights file of the real layout with seeded random values ({@link KerasResNet50WeightsWriter}),
 * checked against Keras' numbers and against DL4J's own Keras import of the same file.
 */
class KerasResNet50ImportTests {

	private static final Logger log = LoggerFactory.getLogger(KerasResNet50ImportTests.class);

	@TempDir
	static Path dir;

	private static Path weights;

	private static ComputationGraph graph;

	@BeforeAll
	static void writeAndLoad() throws IOException {
		Dl4jTestRuntime.configure();
		weights = KerasResNet50WeightsWriter.shared();
		long start = System.nanoTime();
		graph = KerasResNet50.load(weights);
		log.info("Loaded the random ResNet50 weights ({} MB) in {} ms", Files.size(weights) >> 20,
				(System.nanoTime() - start) / 1_000_000);
	}

	@AfterAll
	static void close() {
		if (graph != null) {
			graph.close();
		}
	}

	@Test
	void hasTheParameterCountKerasReportsForResNet50() {
		assertThat(graph.numParams()).isEqualTo(25_636_712L);
	}

	/**
	 * Multiply-adds x 2 of the convolutions and the dense layer from the graph's layer shapes, per 224x224 image.
	 * Keras' v1 blocks put a downsampling stride in the first 1x1 convolution, so that convolution runs on the
	 * smaller map: conv3..conv5's first {@code _1_conv} cost 25.7 + 25.7 + 25.7 M MAC where torchvision's v1.5 (stride
	 * in the 3x3) spends 102.8 each, 231 M MAC = 0.46 GFLOP more. Hence 7.716 GFLOP (3.858 G MAC, measured
	 * 7,715,946,496 FLOP) here against the 8.18 GFLOP usually quoted for ResNet50, which is v1.5's. Biases, batch norm,
	 * ReLU, additions and pooling are not counted (as in those figures).
	 */
	@Test
	void costs7_716GflopPerImageAsKerasV1WithTheStrideInThe1x1Convolution() {
		double gflop = FlopCount.gflopPerImage(graph.getConfiguration());
		log.info("Keras ResNet50: {} GFLOP per image", gflop);
		assertThat(gflop).isCloseTo(7.716, within(7.716 * 0.01));
	}

	@Test
	void convolutionKernelsArePermutedFromKerasHwioToDl4jOihw() throws Exception {
		try (Hdf5Archive archive = new Hdf5Archive(weights.toString())) {
			INDArray keras = archive.readDataSet("kernel:0", "conv2_block1_2_conv", "conv2_block1_2_conv");
			INDArray dl4j = graph.getLayer("conv2_block1_2_conv").getParam("W");
			assertThat(keras.shape()).containsExactly(3, 3, 64, 64);
			assertThat(dl4j.shape()).containsExactly(64, 64, 3, 3);
			// kernel row 0, column 2, input channel 5, output channel 7
			assertThat(dl4j.getFloat(7, 5, 0, 2)).isEqualTo(keras.getFloat(0, 2, 5, 7)).isNotZero();
			INDArray variance = archive.readDataSet("moving_variance:0", "conv1_bn", "conv1_bn");
			assertThat(graph.getLayer("conv1_bn").getParam("var").toFloatVector()[9]).isEqualTo(variance.getFloat(9));
			INDArray dense = archive.readDataSet("kernel:0", "probs", "probs");
			assertThat(graph.getLayer("predictions").getParam("W").getFloat(2047, 3)).isEqualTo(dense.getFloat(2047, 3));
		}
	}

	@Test
	void answersAreProbabilitiesSpreadOverTheClasses() {
		try (INDArray input = caffeRangeImages(1, 7); INDArray output = graph.outputSingle(false, input)) {
			log.info("Top probability: {}", output.maxNumber());
			assertThat(output.shape()).containsExactly(1, 1000);
			assertThat(output.sumNumber().doubleValue()).isCloseTo(1, within(1e-4));
			assertThat(output.minNumber().doubleValue()).isPositive();
			// Neither NaN nor one-hot: the random weights keep the network in a useful range.
			assertThat(output.maxNumber().doubleValue()).isBetween(0.01, 0.9);
		}
	}

	@Test
	void givesTheSameAnswersAsDl4jsKerasImportOfTheSameWeights() throws Exception {
		Path json = dir.resolve("resnet50.json");
		Files.writeString(json, KerasResNet50Spec.modelJson(KerasResNet50Spec.layers("probs")));
		long start = System.nanoTime();
		ComputationGraph reference = KerasModelImport.importKerasModelAndWeights(json.toString(), weights.toString(),
				false);
		log.info("DL4J's Keras import took {} ms", (System.nanoTime() - start) / 1_000_000);
		// Both take channels-last input: the Keras configuration says channels_last, and so does KerasResNet50Graph.
		try (INDArray input = caffeRangeImages(2, 11);
				INDArray ours = graph.outputSingle(false, input);
				INDArray theirs = reference.outputSingle(false, input)) {
			double difference = maxAbsDifference(ours, theirs);
			double betweenImages = maxAbsDifference(ours.getRow(0), ours.getRow(1));
			log.info("Max abs difference between the two paths: {} (between the two images: {}); top probabilities {}",
					difference, betweenImages, ours.max(1));
			assertThat(reference.numParams()).isEqualTo(graph.numParams());
			assertThat(difference).isLessThan(1e-4);
			// The agreement means something: the answers depend on the image ten times the tolerance and more.
			assertThat(betweenImages).isGreaterThan(1e-3);
		}
		finally {
			reference.close();
		}
	}

	private static double maxAbsDifference(INDArray a, INDArray b) {
		try (INDArray difference = a.sub(b)) {
			return Transforms.abs(difference, false).maxNumber().doubleValue();
		}
	}

	/** NHWC images of uniformly random 0..255 levels in Keras' caffe preprocessing (minus the BGR mean). */
	static INDArray caffeRangeImages(int count, long seed) {
		Nd4j.getRandom().setSeed(seed);
		INDArray images = Nd4j.rand(DataType.FLOAT, count, 224, 224, 3).muli(255);
		return Broadcast.sub(images, Nd4j.createFromArray(103.939f, 116.779f, 123.68f), images, 3);
	}

}
