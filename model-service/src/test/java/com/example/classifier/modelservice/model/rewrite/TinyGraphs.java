package com.example.classifier.modelservice.model.rewrite;

import java.util.SplittableRandom;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Small networks for the rewrite tests: 9x9x3 images, a few channels, seeded values. */
final class TinyGraphs {

	static final int SIZE = 9;

	static final int CHANNELS = 3;

	enum Kind {

		CONVOLUTION, DEPTHWISE

	}

	private TinyGraphs() {
	}

	/** 3x3 convolution of 4 filters, or depthwise with multiplier 2 (6 channels): both mix in space and channels. */
	static ConvolutionLayer conv(Kind kind, CNN2DFormat format, boolean bias) {
		if (kind == Kind.CONVOLUTION) {
			return new ConvolutionLayer.Builder(3, 3).nOut(4)
				.stride(2, 2)
				.convolutionMode(ConvolutionMode.Truncate)
				.hasBias(bias)
				.activation(Activation.IDENTITY)
				.dataFormat(format)
				.build();
		}
		return new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(2)
			.stride(2, 2)
			.convolutionMode(ConvolutionMode.Truncate)
			.hasBias(bias)
			.activation(Activation.IDENTITY)
			.dataFormat(format)
			.build();
	}

	static BatchNormalization.Builder norm(CNN2DFormat format) {
		return new BatchNormalization.Builder().dataFormat(format).useLogStd(false).eps(1e-3);
	}

	/** Linear head, so that differences are not squashed by a softmax. */
	static OutputLayer head() {
		return new OutputLayer.Builder(LossFunction.MSE).nOut(5).activation(Activation.IDENTITY).build();
	}

	static GlobalPoolingLayer pool() {
		return new GlobalPoolingLayer.Builder(PoolingType.AVG).build();
	}

	/**
	 * Every parameter of the network drawn at random, batch normalisations included: means N(0, 0.5), variances
	 * U(0.3, 2), gammas +-U(0.5, 1.5) (negative ones too), betas N(0, 0.5) (log10 of the standard deviation where
	 * the layer stores that). Nothing is left at its initial value, so a fold that skipped a term would show.
	 */
	static void randomise(Model network, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		Layer[] layers = (network instanceof ComputationGraph graph) ? graph.getLayers()
				: ((MultiLayerNetwork) network).getLayers();
		for (Layer layer : layers) {
			layer.paramTable().forEach((key, array) -> {
				double[] values = new double[(int) array.length()];
				for (int i = 0; i < values.length; i++) {
					values[i] = switch (key) {
						case BatchNormalizationParamInitializer.GLOBAL_MEAN -> random.nextGaussian() * 0.5;
						case BatchNormalizationParamInitializer.GLOBAL_VAR -> random.nextDouble(0.3, 2);
						case BatchNormalizationParamInitializer.GLOBAL_LOG_STD ->
							Math.log10(Math.sqrt(random.nextDouble(0.3, 2)));
						case BatchNormalizationParamInitializer.GAMMA ->
							random.nextDouble(0.5, 1.5) * (random.nextBoolean() ? 1 : -1);
						default -> random.nextGaussian() * 0.5;
					};
				}
				array.assign(Nd4j.createFromArray(values).reshape(array.shape()).castTo(array.dataType()));
			});
		}
	}

	static INDArray images(CNN2DFormat format, int count, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		float[] values = new float[count * SIZE * SIZE * CHANNELS];
		for (int i = 0; i < values.length; i++) {
			values[i] = (float) (random.nextDouble() * 4 - 2);
		}
		long[] shape = (format == CNN2DFormat.NCHW) ? new long[] { count, CHANNELS, SIZE, SIZE }
				: new long[] { count, SIZE, SIZE, CHANNELS };
		return Nd4j.create(values, shape, 'c').castTo(DataType.FLOAT);
	}

	static INDArray output(Model network, INDArray input) {
		if (network instanceof ComputationGraph graph) {
			return graph.outputSingle(false, input);
		}
		return ((MultiLayerNetwork) network).output(input, false);
	}

}
