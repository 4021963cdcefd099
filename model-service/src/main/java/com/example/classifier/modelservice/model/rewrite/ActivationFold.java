package com.example.classifier.modelservice.model.rewrite;

import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

/**
 * An activation layer right after a convolution with no activation of its own (Keras' Conv2D then ReLU, as in
 * MobileNetV2 and ResNet50) becomes that convolution's activation: DL4J's convolution layers apply their activation
 * function in place on their output, so the separate vertex, its array hand-off and its workspace bookkeeping go.
 */
final class ActivationFold {

	private ActivationFold() {
	}

	static void apply(GraphEdit edit, Rewrites rewrites) {
		for (String name : edit.vertices()) {
			if (!(edit.layer(name) instanceof ActivationLayer activation) || !edit.removable(name)) {
				continue;
			}
			String input = edit.singleInput(name);
			ConvolutionLayer conv = (input != null) ? edit.convolution(input) : null;
			if (conv != null && GraphEdit.isIdentity(conv.getActivationFn()) && edit.feedsOnly(input, name)) {
				conv.setActivationFn(activation.getActivationFn());
				edit.bypass(name);
				rewrites.activations++;
			}
		}
	}

}
