package com.example.classifier.modelservice.model;

import java.util.Map;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InputType.InputTypeConvolutional;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The standard ResNet50 (torchvision's, "v1.5": the stride of a downsampling bottleneck sits in its 3x3 convolution;
 * stride 1 throughout res2/layer1; 7x7 global average pooling), built in code with random weights: 25.6 M
 * parameters, 4.09 GMAC = 8.18 GFLOP per 224x224 image, the same compute as
 * {@code ../shared/models/bench/resnet50-random-opset13.onnx}. The DL4J zoo builder's ResNet50 is not this graph
 * (stride 2 in res2a), so it would not measure the same work.
 * <p>
 * Weights: He-normal (sane for ReLU networks; DL4J's zoo default gives NaN outputs), batch normalisation at its
 * initial state (mean 0, variance 1, gamma 1, beta 0). The answers mean nothing; the arithmetic is the real one.
 */
final class ResNet50Graph {

	private static final int[] BLOCKS = { 3, 4, 6, 3 };

	private static final int[] WIDTHS = { 64, 128, 256, 512 };

	private ResNet50Graph() {
	}

	static ComputationGraph build(CNN2DFormat format, long seed) {
		ComputationGraph graph = new ComputationGraph(configuration(format, seed));
		graph.init();
		return graph;
	}

	static ComputationGraphConfiguration configuration(CNN2DFormat format, long seed) {
		GraphBuilder builder = new NeuralNetConfiguration.Builder().seed(seed)
			.weightInit(WeightInit.RELU)
			.convolutionMode(ConvolutionMode.Truncate)
			.graphBuilder()
			.addInputs("input")
			.setInputTypes(InputType.convolutional(224, 224, 3, format));
		builder.addLayer("conv1", conv(64, 7, 2, 3, format), "input");
		builder.addLayer("bn1", norm(format, Activation.RELU), "conv1");
		builder.addLayer("pool1", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3)
			.stride(2, 2)
			.padding(1, 1)
			.dataFormat(format)
			.build(), "bn1");
		String previous = "pool1";
		for (int stage = 0; stage < BLOCKS.length; stage++) {
			for (int block = 0; block < BLOCKS[stage]; block++) {
				int stride = (stage > 0 && block == 0) ? 2 : 1;
				previous = bottleneck(builder, "layer" + (stage + 1) + "." + block, previous, WIDTHS[stage], stride,
						block == 0, format);
			}
		}
		builder.addLayer("avgpool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), previous);
		builder.addLayer("fc", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(1000)
			.activation(Activation.SOFTMAX)
			.weightInit(WeightInit.XAVIER)
			.build(), "avgpool");
		builder.setOutputs("fc");
		return builder.build();
	}

	/** conv 1x1 (width) - conv 3x3 (width, stride) - conv 1x1 (4 x width), each with batch norm; shortcut add. */
	private static String bottleneck(GraphBuilder builder, String name, String input, int width, int stride,
			boolean downsample, CNN2DFormat format) {
		builder.addLayer(name + ".conv1", conv(width, 1, 1, 0, format), input);
		builder.addLayer(name + ".bn1", norm(format, Activation.RELU), name + ".conv1");
		builder.addLayer(name + ".conv2", conv(width, 3, stride, 1, format), name + ".bn1");
		builder.addLayer(name + ".bn2", norm(format, Activation.RELU), name + ".conv2");
		builder.addLayer(name + ".conv3", conv(4 * width, 1, 1, 0, format), name + ".bn2");
		builder.addLayer(name + ".bn3", norm(format, Activation.IDENTITY), name + ".conv3");
		String shortcut = input;
		if (downsample) {
			builder.addLayer(name + ".downsample.conv", conv(4 * width, 1, stride, 0, format), input);
			builder.addLayer(name + ".downsample.bn", norm(format, Activation.IDENTITY), name + ".downsample.conv");
			shortcut = name + ".downsample.bn";
		}
		builder.addVertex(name + ".add", new ElementWiseVertex(ElementWiseVertex.Op.Add), name + ".bn3", shortcut);
		builder.addLayer(name + ".relu", new ActivationLayer.Builder().activation(Activation.RELU).build(),
				name + ".add");
		return name + ".relu";
	}

	private static ConvolutionLayer conv(int out, int kernel, int stride, int padding, CNN2DFormat format) {
		return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride)
			.padding(padding, padding)
			.nOut(out)
			.hasBias(false)
			.activation(Activation.IDENTITY)
			.dataFormat(format)
			.build();
	}

	private static BatchNormalization norm(CNN2DFormat format, Activation activation) {
		return new BatchNormalization.Builder().dataFormat(format).activation(activation).build();
	}

	/**
	 * Multiply-adds x 2 of every convolution and dense layer for one image, read from the configuration (batch
	 * norm, ReLU, additions and pooling are a fraction of a percent and not counted, as in the usual 4.09 GMAC).
	 */
	static double gflopPerImage(ComputationGraphConfiguration conf, InputType input) {
		Map<String, InputType> types = conf.getLayerActivationTypes(input);
		double flop = 0;
		for (Map.Entry<String, GraphVertex> entry : conf.getVertices().entrySet()) {
			if (!(entry.getValue() instanceof LayerVertex vertex)) {
				continue;
			}
			var layer = vertex.getLayerConf().getLayer();
			if (layer instanceof ConvolutionLayer conv && types.get(entry.getKey()) instanceof InputTypeConvolutional out) {
				flop += 2.0 * conv.getNIn() * conv.getNOut() * conv.getKernelSize()[0] * conv.getKernelSize()[1]
						* out.getHeight() * out.getWidth();
			}
			else if (layer instanceof DenseLayer dense) {
				flop += 2.0 * dense.getNIn() * dense.getNOut();
			}
			else if (layer instanceof OutputLayer dense) {
				flop += 2.0 * dense.getNIn() * dense.getNOut();
			}
		}
		return flop / 1e9;
	}

}
