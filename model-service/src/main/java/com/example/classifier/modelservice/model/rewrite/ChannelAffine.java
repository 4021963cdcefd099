package com.example.classifier.modelservice.model.rewrite;

import java.util.Arrays;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;

/**
 * What a batch normalisation computes at inference, per channel: {@code y = x * scale + shift} with
 * {@code scale = gamma / sqrt(variance + eps)} and {@code shift = beta - mean * scale}. In double precision, so that
 * folding adds no rounding of its own beyond storing the result as the network's float weights.
 *
 * @param scale per channel
 * @param shift per channel
 */
record ChannelAffine(double[] scale, double[] shift) {

	/**
	 * Reads a loaded batch normalisation layer, in each of the ways DL4J stores one: the variance as is
	 * ({@code useLogStd=false}, what the Keras import writes) or as log10 of the standard deviation (the default of
	 * DL4J's own builder), gamma and beta learned or locked to constants ({@code lockGammaBeta}).
	 */
	static ChannelAffine of(Layer layer) {
		BatchNormalization conf = (BatchNormalization) layer.conf().getLayer();
		double[] mean = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).toDoubleVector();
		int channels = mean.length;
		double[] variance;
		if (conf.isUseLogStd()) {
			double[] log10Std = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).toDoubleVector();
			variance = Arrays.stream(log10Std).map((log) -> Math.pow(10, 2 * log)).toArray();
		}
		else {
			variance = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).toDoubleVector();
		}
		double[] gamma;
		double[] beta;
		if (conf.isLockGammaBeta()) {
			// DL4J 1.0.0-M2.1 (layers.normalization.BatchNormalization#preOutput, CPU, where oneDNN's helper refuses
			// locked values) applies locked gamma and beta only when gamma != 1 AND beta != 0, otherwise neither. The
			// fold computes what the unrewritten layer computes, so that no answer changes.
			boolean applied = conf.getGamma() != 1.0 && conf.getBeta() != 0.0;
			gamma = filled(channels, applied ? conf.getGamma() : 1.0);
			beta = filled(channels, applied ? conf.getBeta() : 0.0);
		}
		else {
			gamma = layer.getParam(BatchNormalizationParamInitializer.GAMMA).toDoubleVector();
			beta = layer.getParam(BatchNormalizationParamInitializer.BETA).toDoubleVector();
		}
		double[] scale = new double[channels];
		double[] shift = new double[channels];
		for (int c = 0; c < channels; c++) {
			scale[c] = gamma[c] / Math.sqrt(variance[c] + conf.getEps());
			shift[c] = beta[c] - mean[c] * scale[c];
		}
		return new ChannelAffine(scale, shift);
	}

	private static double[] filled(int length, double value) {
		double[] values = new double[length];
		Arrays.fill(values, value);
		return values;
	}

}
