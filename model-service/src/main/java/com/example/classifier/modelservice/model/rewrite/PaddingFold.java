package com.example.classifier.modelservice.model.rewrite;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;

/**
 * A symmetric zero padding right before a convolution (Keras' {@code ZeroPadding2D} then a "valid" convolution, as in
 * ResNet50's {@code conv1_pad} and the imported MobileNetV2's stride-2 blocks) becomes the convolution's own padding:
 * oneDNN pads on the fly instead of DL4J copying the whole activation into a larger array first. Only in the modes
 * that take the padding as given ({@code Truncate}, {@code Strict}); {@code Same} computes its own. An asymmetric
 * padding (Keras' {@code correct_pad} for even sizes) has no equivalent in DL4J's convolution and stays.
 */
final class PaddingFold {

	private PaddingFold() {
	}

	static void apply(GraphEdit edit, Rewrites rewrites) {
		for (String name : edit.vertices()) {
			ConvolutionLayer conv = edit.convolution(name);
			String input = edit.singleInput(name);
			if (conv == null || input == null || edit.preprocessed(name)
					|| !(edit.layer(input) instanceof ZeroPaddingLayer padding) || !edit.removable(input)
					|| !edit.feedsOnly(input, name)) {
				continue;
			}
			// ZeroPaddingLayer: {top, bottom, left, right}; a convolution: {rows, columns} on both sides.
			int[] pad = padding.getPadding();
			boolean symmetric = pad.length == 4 && pad[0] == pad[1] && pad[2] == pad[3];
			boolean explicit = conv.getConvolutionMode() == ConvolutionMode.Truncate
					|| conv.getConvolutionMode() == ConvolutionMode.Strict;
			if (symmetric && explicit && padding.getDataFormat() == conv.getCnn2dDataFormat()) {
				int[] own = conv.getPadding();
				conv.setPadding(new int[] { own[0] + pad[0], own[1] + pad[2] });
				edit.bypass(input);
				rewrites.paddings++;
			}
		}
	}

}
