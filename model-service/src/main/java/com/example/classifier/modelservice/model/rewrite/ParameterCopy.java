package com.example.classifier.modelservice.model.rewrite;

import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the rewritten graph and fills its parameters from the original, layer by layer (vertex names are kept):
 * unchanged layers get their arrays copied, a convolution that absorbed a batch normalisation gets
 * {@code W' = W * scale} per output channel and {@code b' = b * scale + shift} ({@link ChannelAffine}).
 */
final class ParameterCopy {

	private static final String W = ConvolutionParamInitializer.WEIGHT_KEY;

	private static final String B = ConvolutionParamInitializer.BIAS_KEY;

	private ParameterCopy() {
	}

	static ComputationGraph build(ComputationGraphConfiguration conf, ComputationGraph from,
			Map<String, String> batchNorms) {
		ComputationGraph to = new ComputationGraph(conf);
		to.init();
		try {
			for (GraphVertex vertex : to.getVertices()) {
				if (!vertex.hasLayer() || vertex.getLayer().numParams() == 0) {
					continue;
				}
				String name = vertex.getVertexName();
				Layer target = vertex.getLayer();
				Layer source = from.getLayer(name);
				String norm = batchNorms.get(name);
				if (norm != null) {
					fold(source, ChannelAffine.of(from.getLayer(norm)), target);
				}
				else {
					target.paramTable().forEach((key, array) -> array.assign(source.getParam(key)));
				}
			}
			return to;
		}
		catch (RuntimeException ex) {
			to.close();
			throw ex;
		}
	}

	private static void fold(Layer source, ChannelAffine affine, Layer target) {
		INDArray weights = source.getParam(W).castTo(DataType.DOUBLE).dup('c');
		int channels = affine.scale().length;
		INDArray scale = Nd4j.createFromArray(affine.scale());
		long perChannel = weights.length() / channels;
		INDArray scaled;
		if (source.conf().getLayer() instanceof DepthwiseConvolution2D) {
			// [kH, kW, channels in, depth multiplier]: output channel = in * multiplier + m, the last two axes flat.
			scaled = weights.reshape('c', perChannel, channels).mulRowVector(scale.reshape(1, channels));
		}
		else {
			// [channels out, channels in, kH, kW] in both layouts: DL4J keeps the weights in this order for NHWC too.
			scaled = weights.reshape('c', channels, perChannel).mulColumnVector(scale.reshape(channels, 1));
		}
		INDArray targetWeights = target.getParam(W);
		targetWeights.assign(scaled.reshape('c', targetWeights.shape()).castTo(targetWeights.dataType()));
		double[] bias = new double[channels];
		INDArray sourceBias = source.paramTable().get(B);
		double[] original = (sourceBias != null) ? sourceBias.toDoubleVector() : new double[channels];
		for (int c = 0; c < channels; c++) {
			bias[c] = original[c] * affine.scale()[c] + affine.shift()[c];
		}
		INDArray targetBias = target.getParam(B);
		targetBias.assign(Nd4j.createFromArray(bias).reshape(targetBias.shape()).castTo(targetBias.dataType()));
	}

}
