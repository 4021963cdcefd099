package com.example.classifier.modelservice.image;

import java.awt.image.BufferedImage;

/** Decode, crop and normalise: the whole path from upload bytes to one model input. Stateless, so thread-safe. */
public final class ImagePreparer {

	private final ModelInput input;

	private final Preprocessing preprocessing;

	private final Resize resize;

	private final DecodeTarget target;

	ImagePreparer(ModelInput input, Preprocessing preprocessing) {
		this(input, preprocessing, Resize.CROP);
	}

	public ImagePreparer(ModelInput input, Preprocessing preprocessing, Resize resize) {
		this(input, preprocessing, resize, DecodeTarget.of(resize, input.width(), input.height()));
	}

	/** {@code target} {@link DecodeTarget#FULL} decodes every pixel, as before subsampling (for comparisons). */
	public ImagePreparer(ModelInput input, Preprocessing preprocessing, Resize resize, DecodeTarget target) {
		if (input.channels() != 3) {
			throw new IllegalArgumentException("The model takes " + input.channels()
					+ "-channel images; only 3-channel (colour) models are supported");
		}
		this.input = input;
		this.preprocessing = preprocessing;
		this.resize = resize;
		this.target = target;
	}

	public PreparedImage prepare(byte[] imageBytes, DecodeBudget budget) throws UnreadableImageException {
		BufferedImage image = ImageDecoder.decode(imageBytes, budget, this.target);
		int[] rgb = (this.resize == Resize.SQUASH) ? ImageResizer.squash(image, this.input.width(), this.input.height())
				: ImageResizer.scaleAndCrop(image, this.input.width(), this.input.height());
		return new PreparedImage(this.preprocessing.toTensor(rgb, this.input.layout()));
	}

	public PreparedImage prepare(byte[] imageBytes) throws UnreadableImageException {
		return prepare(imageBytes, DecodeBudget.DEFAULT);
	}

	public Preprocessing preprocessing() {
		return this.preprocessing;
	}

}
