package com.example.classifier.modelservice.image;

import java.util.List;

/**
 * The image tensor a network takes, as read from its configuration.
 *
 * @param height rows
 * @param width columns
 * @param channels colour channels (3 for the ImageNet models this service runs)
 * @param layout {@link TensorLayout#NCHW} (channels first, DL4J's native order) or {@link TensorLayout#NHWC}
 * (channels last, TensorFlow/Keras order)
 */
public record ModelInput(int height, int width, int channels, TensorLayout layout) {

	public int valuesPerImage() {
		return this.height * this.width * this.channels;
	}

	/**
	 * The images laid end to end as one batch tensor's values, with zeros after them up to {@code slots} images (for
	 * a model exported with a fixed batch size).
	 * @throws IllegalArgumentException for an image prepared for a different input
	 */
	public float[] stack(List<PreparedImage> images, int slots) {
		int size = valuesPerImage();
		float[] stacked = new float[Math.max(slots, images.size()) * size];
		for (int i = 0; i < images.size(); i++) {
			float[] pixels = images.get(i).pixels();
			if (pixels.length != size) {
				throw new IllegalArgumentException("Image " + i + " has " + pixels.length + " values; this model ("
						+ this + ") takes " + size + ". Was it prepared by another classifier?");
			}
			System.arraycopy(pixels, 0, stacked, i * size, size);
		}
		return stacked;
	}

	public long[] batchShape(int batchSize) {
		return (this.layout == TensorLayout.NCHW) ? new long[] { batchSize, this.channels, this.height, this.width }
				: new long[] { batchSize, this.height, this.width, this.channels };
	}

	@Override
	public String toString() {
		return this.height + "x" + this.width + "x" + this.channels + " " + this.layout;
	}

}
