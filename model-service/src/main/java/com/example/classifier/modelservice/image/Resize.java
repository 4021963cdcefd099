package com.example.classifier.modelservice.image;

/**
 * How a photo becomes the model's square input. Binds case-insensitively ({@code MODEL_RESIZE=squash}).
 */
public enum Resize {

	/**
	 * The standard ImageNet evaluation crop: short side to {@code size * 256 / 224}, bilinear with averaging, then
	 * the centre square. What the models were validated with.
	 */
	CROP,

	/**
	 * The whole photo to the input size with nearest-neighbour sampling and no crop (the aspect ratio is lost), as
	 * {@code keras.preprocessing.image.load_img(path, target_size=(224, 224))} does: PIL's NEAREST, which samples
	 * source pixel {@code floor((x + 0.5) * sourceWidth / width)}. The seed system's preprocessing.
	 */
	SQUASH

}
