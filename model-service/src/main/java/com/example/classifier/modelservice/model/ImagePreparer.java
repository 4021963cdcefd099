package com.example.classifier.modelservice.model;

import java.awt.image.BufferedImage;

/** Decode, crop and normalise: the whole path from upload bytes to one model input. Stateless, so thread-safe. */
final class ImagePreparer {

	private final ModelInput input;

	private final Preprocessing preprocessing;

	ImagePreparer(ModelInput input, Preprocessing preprocessing) {
		if (input.channels() != 3) {
			throw new ModelLoadingException("The model takes " + input.channels()
					+ "-channel images; only 3-channel (colour) models are supported");
		}
		this.input = input;
		this.preprocessing = preprocessing;
	}

	PreparedImage prepare(byte[] imageBytes, DecodeBudget budget) throws UnreadableImageException {
		BufferedImage image = ImageDecoder.decode(imageBytes, budget);
		int[] rgb = ImageResizer.scaleAndCrop(image, this.input.width(), this.input.height());
		return new PreparedImage(this.preprocessing.toTensor(rgb, this.input.layout()));
	}

	PreparedImage prepare(byte[] imageBytes) throws UnreadableImageException {
		return prepare(imageBytes, DecodeBudget.DEFAULT);
	}

	Preprocessing preprocessing() {
		return this.preprocessing;
	}

}
