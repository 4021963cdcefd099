package com.example.classifier.modelservice.model.keras;

import java.util.Map;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InputType.InputTypeConvolutional;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;

/** The compute of a CNN from its DL4J configuration's layer shapes. */
final class FlopCount {

	private FlopCount() {
	}

	/**
	 * Multiply-adds x 2 of every convolution ({@code in x out x kh x kw} per output position of the layer's output map)
	 * and dense layer ({@code in x out}) for one 224x224x3 NHWC image. Biases, batch norm, activations, additions and
	 * pooling are left out, as in the figures usually quoted.
	 */
	static double gflopPerImage(ComputationGraphConfiguration conf) {
		Map<String, InputType> types = conf
			.getLayerActivationTypes(InputType.convolutional(224, 224, 3, CNN2DFormat.NHWC));
		double flop = 0;
		for (Map.Entry<String, GraphVertex> entry : conf.getVertices().entrySet()) {
			if (!(entry.getValue() instanceof LayerVertex vertex)) {
				continue;
			}
			var layer = vertex.getLayerConf().getLayer();
			if (layer instanceof ConvolutionLayer conv
					&& types.get(entry.getKey()) instanceof InputTypeConvolutional out) {
				flop += 2.0 * conv.getNIn() * conv.getNOut() * conv.getKernelSize()[0] * conv.getKernelSize()[1]
						* out.getHeight() * out.getWidth();
			}
			else if (layer instanceof DenseLayer dense) {
				flop += 2.0 * dense.getNIn() * dense.getNOut();
			}
			else if (layer instanceof BaseOutputLayer dense) {
				flop += 2.0 * dense.getNIn() * dense.getNOut();
			}
		}
		return flop / 1e9;
	}

}
