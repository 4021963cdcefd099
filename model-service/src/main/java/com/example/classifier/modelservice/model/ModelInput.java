package com.example.classifier.modelservice.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;

/**
 * The image tensor a network takes, as read from its configuration.
 *
 * @param height rows
 * @param width columns
 * @param channels colour channels (3 for the ImageNet models this service runs)
 * @param layout {@link CNN2DFormat#NCHW} (channels first, DL4J's native order) or {@link CNN2DFormat#NHWC}
 * (channels last, TensorFlow/Keras order)
 */
record ModelInput(int height, int width, int channels, CNN2DFormat layout) {

	int valuesPerImage() {
		return this.height * this.width * this.channels;
	}

	long[] batchShape(int batchSize) {
		return (this.layout == CNN2DFormat.NCHW) ? new long[] { batchSize, this.channels, this.height, this.width }
				: new long[] { batchSize, this.height, this.width, this.channels };
	}

	@Override
	public String toString() {
		return this.height + "x" + this.width + "x" + this.channels + " " + this.layout;
	}

}
