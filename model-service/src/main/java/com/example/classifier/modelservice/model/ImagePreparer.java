package com.example.classifier.modelservice.model;

import java.awt.image.BufferedImage;

/** Decode, crop and normalise: the whole path from upload bytes to one model input. Stateless, so thread-safe. */
final class ImagePreparer {

	private final ModelInput input;

	private final Preprocessing preprocessing;

	private final Resize resize;

	ImagePreparer(ModelInput input, Preprocessing preprocessing) {
		this(input, preprocessing, Resize.CROP);
	}

	ImagePreparer(ModelInput input, Preprocessing preprocessing, Resize resize) {
		if (input.channels() != 3) {
			throw new ModelLoadingException("The model takes " + input.channels()
					+ "-channel images; only 3-channel (colour) models are supported");
		}
		this.input = input;
		this.preprocessing = preprocessing;
		this.resize = resize;
	}

	PreparedImage prepare(byte[] imageBytes, DecodeBudget budget) throws UnreadableImageException {
		BufferedImage image = ImageDecoder.decode(imageBytes, budget);
		int[] rgb = (this.resize == Resize.SQUASH) ? ImageResizer.squash(image, this.input.width(), this.input.height())
				: ImageResizer.scaleAndCrop(image, this.input.width(), this.input.height());
		return new PreparedImage(this.preprocessing.toTensor(rgb, this.input.layout()));
	}

	PreparedImage prepare(byte[] imageBytes) throws UnreadableImageException {
		return prepare(imageBytes, DecodeBudget.DEFAULT);
	}

	Preprocessing preprocessing() {
		return this.preprocessing;
	}

}
