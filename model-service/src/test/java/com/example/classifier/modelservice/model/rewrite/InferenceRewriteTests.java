package com.example.classifier.modelservice.model.rewrite;

import java.util.List;
import java.util.stream.Stream;

import com.example.classifier.modelservice.model.Dl4jTestRuntime;
import com.example.classifier.modelservice.model.rewrite.TinyGraphs.Kind;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rewrite on tiny networks with every parameter random (batch normalisation statistics, gamma and beta far from
 * their defaults): same outputs before and after, and the vertices that should go are gone.
 */
class InferenceRewriteTests {

	/** Outputs are O(1) linear values; float rounding of the folded weights moves them by about 1e-6. */
	private static final double TOLERANCE = 1e-4;

	@BeforeAll
	static void nd4j() {
		Dl4jTestRuntime.configure();
	}

	static Stream<Arguments> convolutionsAndLayouts() {
		return Stream.of(Kind.values())
			.flatMap((kind) -> Stream.of(CNN2DFormat.values())
				.flatMap((format) -> Stream.of(true, false).map((bias) -> Arguments.of(kind, format, bias))));
	}

	@ParameterizedTest(name = "{0}, {1}, bias {2}")
	@MethodSource("convolutionsAndLayouts")
	void batchNormFoldedIntoEachConvolutionKindAndLayoutGivesTheSameOutputs(Kind kind, CNN2DFormat format,
			boolean bias) {
		GraphBuilder graph = builder(format);
		graph.addLayer("conv", TinyGraphs.conv(kind, format, bias), "input");
		graph.addLayer("bn", TinyGraphs.norm(format).activation(Activation.IDENTITY).build(), "conv");
		graph.addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn");
		graph.addLayer("pool", TinyGraphs.pool(), "relu");
		graph.addLayer("out", TinyGraphs.head(), "pool");
		ComputationGraph rewritten = assertSameOutputs(build(graph, "out"), format);
		assertThat(layerKinds(rewritten)).doesNotContain("BatchNormalization", "ActivationLayer");
		ConvolutionLayer conv = (ConvolutionLayer) rewritten.getLayer("conv").conf().getLayer();
		assertThat(conv.hasBias()).isTrue();
		assertThat(conv.getActivationFn().toString()).isEqualTo("relu");
	}

	/**
	 * DL4J's batch normalisation layer ignores the activation it is configured with; the fold must too (a tanh
	 * applied after folding would change every output).
	 */
	@Test
	void batchNormStoredAsLog10StdevWithAnIgnoredActivationIsFolded() {
		CNN2DFormat format = CNN2DFormat.NCHW;
		GraphBuilder graph = builder(format);
		graph.addLayer("conv", TinyGraphs.conv(Kind.CONVOLUTION, format, false), "input");
		graph.addLayer("bn", TinyGraphs.norm(format).useLogStd(true).activation(Activation.TANH).build(), "conv");
		graph.addLayer("pool", TinyGraphs.pool(), "bn");
		graph.addLayer("out", TinyGraphs.head(), "pool");
		ComputationGraph rewritten = assertSameOutputs(build(graph, "out"), format);
		assertThat(layerKinds(rewritten)).doesNotContain("BatchNormalization");
	}

	/**
	 * Locked gamma and beta: DL4J applies them only when both differ from their defaults (1, 0); the fold reproduces
	 * the unrewritten output in both cases.
	 */
	@ParameterizedTest(name = "gamma {0}, beta {1}")
	@MethodSource("lockedGammaBeta")
	void batchNormWithLockedGammaBetaIsFoldedAsDl4jComputesIt(double gamma, double beta) {
		CNN2DFormat format = CNN2DFormat.NHWC;
		GraphBuilder graph = builder(format);
		graph.addLayer("conv", TinyGraphs.conv(Kind.DEPTHWISE, format, true), "input");
		graph.addLayer("bn", TinyGraphs.norm(format).lockGammaBeta(true).gamma(gamma).beta(beta).build(), "conv");
		graph.addLayer("pool", TinyGraphs.pool(), "bn");
		graph.addLayer("out", TinyGraphs.head(), "pool");
		ComputationGraph rewritten = assertSameOutputs(build(graph, "out"), format);
		assertThat(layerKinds(rewritten)).doesNotContain("BatchNormalization");
	}

	static Stream<Arguments> lockedGammaBeta() {
		return Stream.of(Arguments.of(1.7, -0.4), Arguments.of(2.0, 0.0));
	}

	@Test
	void multiLayerNetworkIsRewrittenAsAOnePathGraph() {
		CNN2DFormat format = CNN2DFormat.NHWC;
		MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
			.layer(TinyGraphs.conv(Kind.CONVOLUTION, format, true))
			.layer(TinyGraphs.norm(format).activation(Activation.RELU).build())
			.layer(new DropoutLayer.Builder(0.5).build())
			.layer(TinyGraphs.pool())
			.layer(TinyGraphs.head())
			.setInputType(InputType.convolutional(TinyGraphs.SIZE, TinyGraphs.SIZE, TinyGraphs.CHANNELS, format))
			.build());
		network.init();
		ComputationGraph rewritten = assertSameOutputs(network, format);
		assertThat(layerKinds(rewritten)).containsExactly("ConvolutionLayer", "GlobalPoolingLayer", "OutputLayer");
	}

	@Test
	void symmetricZeroPaddingBecomesTheConvolutionsPaddingAndAsymmetricStays() {
		CNN2DFormat format = CNN2DFormat.NHWC;
		GraphBuilder graph = builder(format);
		graph.addLayer("pad", new ZeroPaddingLayer.Builder(1, 1, 2, 2).dataFormat(format).build(), "input");
		graph.addLayer("conv", TinyGraphs.conv(Kind.DEPTHWISE, format, false), "pad");
		graph.addLayer("pad2", new ZeroPaddingLayer.Builder(0, 1, 0, 1).dataFormat(format).build(), "conv");
		graph.addLayer("conv2", TinyGraphs.conv(Kind.CONVOLUTION, format, true), "pad2");
		graph.addLayer("pool", TinyGraphs.pool(), "conv2");
		graph.addLayer("out", TinyGraphs.head(), "pool");
		ComputationGraph rewritten = assertSameOutputs(build(graph, "out"), format);
		assertThat(rewritten.getConfiguration().getVertices()).doesNotContainKey("pad").containsKey("pad2");
		assertThat(((ConvolutionLayer) rewritten.getLayer("conv").conf().getLayer()).getPadding())
			.containsExactly(1, 2);
	}

	@Test
	void normalisationOfAConvolutionThatFeedsAnotherVertexStays() {
		CNN2DFormat format = CNN2DFormat.NCHW;
		GraphBuilder graph = builder(format);
		graph.addLayer("conv", TinyGraphs.conv(Kind.CONVOLUTION, format, true), "input");
		graph.addLayer("bn", TinyGraphs.norm(format).activation(Activation.IDENTITY).build(), "conv");
		graph.addLayer("identity", new ActivationLayer.Builder().activation(Activation.IDENTITY).build(), "conv");
		graph.addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "bn", "identity");
		graph.addLayer("pool", TinyGraphs.pool(), "add");
		graph.addLayer("out", TinyGraphs.head(), "pool");
		ComputationGraph rewritten = assertSameOutputs(build(graph, "out"), format);
		assertThat(rewritten.getConfiguration().getVertices()).containsKey("bn").doesNotContainKey("identity");
	}

	@Test
	void networkWithNothingToFoldIsReturnedAsItIs() {
		CNN2DFormat format = CNN2DFormat.NCHW;
		GraphBuilder graph = builder(format);
		graph.addLayer("conv", TinyGraphs.conv(Kind.CONVOLUTION, format, true), "input");
		graph.addLayer("pool", TinyGraphs.pool(), "conv");
		graph.addLayer("out", TinyGraphs.head(), "pool");
		ComputationGraph network = build(graph, "out");
		assertThat(InferenceRewrite.rewrite(network).network()).isSameAs(network);
		assertThat(InferenceRewrite.apply(network, new long[] { 3, 9, 9 })).isSameAs(network);
		network.close();
	}

	@Test
	void applyReplacesTheNetworkAndClosesTheOriginal() {
		CNN2DFormat format = CNN2DFormat.NHWC;
		GraphBuilder graph = builder(format);
		graph.addLayer("conv", TinyGraphs.conv(Kind.CONVOLUTION, format, false), "input");
		graph.addLayer("bn", TinyGraphs.norm(format).build(), "conv");
		graph.addLayer("pool", TinyGraphs.pool(), "bn");
		graph.addLayer("out", TinyGraphs.head(), "pool");
		ComputationGraph network = build(graph, "out");
		INDArray images = TinyGraphs.images(format, 2, 5);
		INDArray expected = network.outputSingle(false, images);
		Model replaced = InferenceRewrite.apply(network, new long[] { 9, 9, 3 });
		assertThat(replaced).isNotSameAs(network);
		assertThat(maxDifference(expected, TinyGraphs.output(replaced, images))).isLessThan(TOLERANCE);
		replaced.close();
	}

	private static GraphBuilder builder(CNN2DFormat format) {
		return new NeuralNetConfiguration.Builder().graphBuilder()
			.addInputs("input")
			.setInputTypes(InputType.convolutional(TinyGraphs.SIZE, TinyGraphs.SIZE, TinyGraphs.CHANNELS, format));
	}

	private static ComputationGraph build(GraphBuilder graph, String output) {
		ComputationGraph network = new ComputationGraph(graph.setOutputs(output).build());
		network.init();
		return network;
	}

	/** Randomises the network, rewrites it and compares outputs on random images; returns the rewritten graph. */
	private static ComputationGraph assertSameOutputs(Model network, CNN2DFormat format) {
		TinyGraphs.randomise(network, 11);
		INDArray images = TinyGraphs.images(format, 3, 7);
		INDArray expected = TinyGraphs.output(network, images);
		Model rewritten = InferenceRewrite.rewrite(network).network();
		assertThat(rewritten).isNotSameAs(network).isInstanceOf(ComputationGraph.class);
		INDArray actual = TinyGraphs.output(rewritten, images);
		assertThat(expected.amaxNumber().doubleValue()).as("outputs are not all zero").isGreaterThan(0.1);
		assertThat(maxDifference(expected, actual)).isLessThan(TOLERANCE);
		network.close();
		return (ComputationGraph) rewritten;
	}

	private static double maxDifference(INDArray expected, INDArray actual) {
		return expected.sub(actual).amaxNumber().doubleValue();
	}

	private static List<String> layerKinds(ComputationGraph graph) {
		return graph.getConfiguration()
			.getVertices()
			.values()
			.stream()
			.filter(LayerVertex.class::isInstance)
			.map((vertex) -> ((LayerVertex) vertex).getLayerConf().getLayer().getClass().getSimpleName())
			.toList();
	}

}
