package com.example.classifier.modelservice.model.rewrite;

import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Drops layers that do nothing at inference: dropout (active only in training) and activation layers whose function
 * is the identity (Keras' {@code Activation('linear')}). Each is one more vertex and one more array per call.
 */
final class InferenceOnlyLayers {

	private InferenceOnlyLayers() {
	}

	static void drop(GraphEdit edit, Rewrites rewrites) {
		for (String name : edit.vertices()) {
			Layer layer = edit.layer(name);
			boolean dropout = layer instanceof DropoutLayer;
			boolean identity = layer instanceof ActivationLayer activation
					&& GraphEdit.isIdentity(activation.getActivationFn());
			if ((dropout || identity) && edit.removable(name)) {
				edit.bypass(name);
				if (dropout) {
					rewrites.dropouts++;
				}
				else {
					rewrites.identities++;
				}
			}
		}
	}

}
