package com.example.classifier.modelservice.model.keras;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Keras Applications' ResNet50 ({@code keras/applications/resnet.py}, {@code ResNet50}: ResNet v1, the stride of a
 * downsampling block in its first 1x1 convolution {@code _1_conv} and in its shortcut {@code _0_conv}, a bias on every
 * convolution, batch normalisation with epsilon 1.001e-5) as a DL4J configuration. Every Keras layer is a vertex of
 * the same name ({@code conv1_pad}, {@code conv2_block1_1_conv}, ..., {@code conv5_block3_out}, {@code avg_pool},
 * {@code predictions}), laid out channels last (NHWC) like Keras, so a Keras convolution kernel only needs its axes
 * permuted and the service feeds the image as Keras does. Input {@code input_1}: 224x224x3, Caffe-style values.
 */
final class KerasResNet50Graph {

	static final String INPUT = "input_1";

	/** The classifier: {@code predictions} in current Keras, {@code probs} in older weight files. */
	static final String OUTPUT = "predictions";

	static final int SIZE = 224;

	static final int CLASSES = 1000;

	static final CNN2DFormat FORMAT = CNN2DFormat.NHWC;

	static final double BN_EPSILON = 1.001e-5;

	/** Blocks per stage conv2..conv5. */
	private static final int[] BLOCKS = { 3, 4, 6, 3 };

	/** Bottleneck width per stage; a block outputs 4x as many channels. */
	private static final int[] FILTERS = { 64, 128, 256, 512 };

	private KerasResNet50Graph() {
	}

	/** Parameters start at zero (cheap); every one of them is then overwritten from the weights file. */
	static ComputationGraphConfiguration configuration() {
		GraphBuilder graph = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
			.weightInit(WeightInit.ZERO)
			.graphBuilder()
			.addInputs(INPUT)
			.setInputTypes(InputType.convolutional(SIZE, SIZE, 3, FORMAT));
		graph.addLayer("conv1_pad", padding(3), INPUT);
		graph.addLayer("conv1_conv", conv(64, 7, 2, ConvolutionMode.Truncate), "conv1_pad");
		graph.addLayer("conv1_bn", batchNorm(), "conv1_conv");
		graph.addLayer("conv1_relu", relu(), "conv1_bn");
		graph.addLayer("pool1_pad", padding(1), "conv1_relu");
		graph.addLayer("pool1_pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3)
			.stride(2, 2)
			.convolutionMode(ConvolutionMode.Truncate)
			.dataFormat(FORMAT)
			.build(), "pool1_pad");
		String x = "pool1_pool";
		for (int stage = 0; stage < BLOCKS.length; stage++) {
			String name = "conv" + (stage + 2);
			// stack1: the first block has the convolution shortcut, stride 1 in conv2 and 2 after.
			x = block(graph, name + "_block1", x, FILTERS[stage], (stage == 0) ? 1 : 2, true);
			for (int block = 2; block <= BLOCKS[stage]; block++) {
				x = block(graph, name + "_block" + block, x, FILTERS[stage], 1, false);
			}
		}
		graph.addLayer("avg_pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
		graph.addLayer(OUTPUT, new OutputLayer.Builder(LossFunction.MCXENT).nIn(4 * FILTERS[3])
			.nOut(CLASSES)
			.activation(Activation.SOFTMAX)
			.build(), "avg_pool");
		return graph.setOutputs(OUTPUT).build();
	}

	/** Keras' {@code block1}: 1x1 (stride) - 3x3 same - 1x1 (4x filters), plus the shortcut; add; relu. */
	private static String block(GraphBuilder graph, String name, String input, int filters, int stride,
			boolean convShortcut) {
		String shortcut = input;
		if (convShortcut) {
			graph.addLayer(name + "_0_conv", conv(4 * filters, 1, stride, ConvolutionMode.Truncate), input);
			graph.addLayer(name + "_0_bn", batchNorm(), name + "_0_conv");
			shortcut = name + "_0_bn";
		}
		graph.addLayer(name + "_1_conv", conv(filters, 1, stride, ConvolutionMode.Truncate), input);
		graph.addLayer(name + "_1_bn", batchNorm(), name + "_1_conv");
		graph.addLayer(name + "_1_relu", relu(), name + "_1_bn");
		graph.addLayer(name + "_2_conv", conv(filters, 3, 1, ConvolutionMode.Same), name + "_1_relu");
		graph.addLayer(name + "_2_bn", batchNorm(), name + "_2_conv");
		graph.addLayer(name + "_2_relu", relu(), name + "_2_bn");
		graph.addLayer(name + "_3_conv", conv(4 * filters, 1, 1, ConvolutionMode.Truncate), name + "_2_relu");
		graph.addLayer(name + "_3_bn", batchNorm(), name + "_3_conv");
		graph.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), shortcut, name + "_3_bn");
		graph.addLayer(name + "_out", relu(), name + "_add");
		return name + "_out";
	}

	/** Keras "valid" is DL4J's Truncate (no padding, floor), "same" is Same. */
	private static ConvolutionLayer conv(int filters, int kernel, int stride, ConvolutionMode mode) {
		return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride)
			.convolutionMode(mode)
			.nOut(filters)
			.hasBias(true)
			.activation(Activation.IDENTITY)
			.dataFormat(FORMAT)
			.build();
	}

	/** Inference uses the moving statistics; the variance is stored as is (not DL4J's default log10 stdev). */
	private static BatchNormalization batchNorm() {
		return new BatchNormalization.Builder().eps(BN_EPSILON)
			.useLogStd(false)
			.activation(Activation.IDENTITY)
			.dataFormat(FORMAT)
			.build();
	}

	private static ZeroPaddingLayer padding(int pad) {
		return new ZeroPaddingLayer.Builder(pad, pad, pad, pad).dataFormat(FORMAT).build();
	}

	private static ActivationLayer relu() {
		return new ActivationLayer.Builder().activation(Activation.RELU).build();
	}

}
