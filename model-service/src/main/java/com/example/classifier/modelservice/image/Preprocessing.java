package com.example.classifier.modelservice.image;

/**
 * How a model's weights expect pixel values: the three conventions of Keras' {@code imagenet_utils.preprocess_input}.
 * Binds case-insensitively ({@code MODEL_PREPROCESSING=torch}).
 */
public enum Preprocessing {

	/** BGR order, 0..255 minus the per-channel ImageNet mean, no scaling (Caffe/Keras ResNet50, VGG). */
	CAFFE(true, new double[] { 103.939, 116.779, 123.68 }, new double[] { 1, 1, 1 }, 1),

	/** RGB order, scaled to 0..1, then standardised per channel (torchvision models). */
	TORCH(false, new double[] { 0.485, 0.456, 0.406 }, new double[] { 0.229, 0.224, 0.225 }, 255),

	/** RGB order, scaled to -1..1 (TensorFlow/Keras MobileNet, Inception). */
	TF(false, new double[] { 1, 1, 1 }, new double[] { 1, 1, 1 }, 127.5);

	private final boolean bgr;

	/** Value for every 8-bit level, per model channel: avoids arithmetic in the per-pixel loop. */
	private final float[][] levels;

	Preprocessing(boolean bgr, double[] mean, double[] std, double divisor) {
		this.bgr = bgr;
		this.levels = new float[3][256];
		for (int channel = 0; channel < 3; channel++) {
			for (int level = 0; level < 256; level++) {
				this.levels[channel][level] = (float) ((level / divisor - mean[channel]) / std[channel]);
			}
		}
	}

	/** Whether the model's first channel is blue. */
	boolean bgr() {
		return this.bgr;
	}

	/**
	 * Normalises packed {@code 0xRRGGBB} pixels (row-major) into one image tensor without the batch axis.
	 * @param rgb {@code height * width} pixels as stored by a {@code TYPE_INT_RGB} raster
	 * @param layout where the channel axis goes
	 * @return {@code 3 * rgb.length} values
	 */
	float[] toTensor(int[] rgb, TensorLayout layout) {
		int pixels = rgb.length;
		float[] out = new float[3 * pixels];
		float[] first = this.levels[0];
		float[] second = this.levels[1];
		float[] third = this.levels[2];
		int firstShift = this.bgr ? 0 : 16;
		int thirdShift = this.bgr ? 16 : 0;
		boolean channelsFirst = layout == TensorLayout.NCHW;
		for (int i = 0; i < pixels; i++) {
			int p = rgb[i];
			float a = first[(p >>> firstShift) & 0xFF];
			float b = second[(p >>> 8) & 0xFF];
			float c = third[(p >>> thirdShift) & 0xFF];
			if (channelsFirst) {
				out[i] = a;
				out[pixels + i] = b;
				out[2 * pixels + i] = c;
			}
			else {
				out[3 * i] = a;
				out[3 * i + 1] = b;
				out[3 * i + 2] = c;
			}
		}
		return out;
	}

}
