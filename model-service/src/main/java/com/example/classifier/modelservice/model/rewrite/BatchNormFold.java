package com.example.classifier.modelservice.model.rewrite;

import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

/**
 * Finds each batch normalisation whose only input is a convolution that feeds nothing else, and folds it into that
 * convolution: at inference a batch normalisation is a fixed per-channel {@code x * scale + shift}, which the
 * convolution's weights and bias can absorb ({@link ChannelAffine}, {@link ParameterCopy}). The convolution gains a
 * bias if it had none; the normalisation's vertex goes.
 * <p>
 * Left alone: a normalisation after a convolution that already has an activation (the affine map would act on the
 * activated values), after another kind of layer, or one laid out differently from its convolution (it would scale
 * the wrong axis).
 */
final class BatchNormFold {

	private BatchNormFold() {
	}

	static void apply(GraphEdit edit, Rewrites rewrites) {
		for (String name : edit.vertices()) {
			if (!(edit.layer(name) instanceof BatchNormalization norm) || !edit.removable(name)) {
				continue;
			}
			String input = edit.singleInput(name);
			ConvolutionLayer conv = (input != null) ? edit.convolution(input) : null;
			if (conv == null || !GraphEdit.isIdentity(conv.getActivationFn()) || !edit.feedsOnly(input, name)
					|| norm.getCnn2DFormat() != conv.getCnn2dDataFormat() || norm.getNOut() != conv.getNOut()) {
				continue;
			}
			// The convolution keeps its identity activation: DL4J's batch normalisation layer (1.0.0-M2.1) never
			// applies the activation it is configured with (activate() returns preOutput()), so neither may the fold.
			conv.setHasBias(true);
			edit.bypass(name);
			rewrites.batchNorms.put(input, name);
		}
	}

}
