package com.example.classifier.modelservice.image;

/**
 * Where the channel axis of an image tensor goes. The image pipeline's own type, so that it depends on no engine: each
 * engine maps its format to this one (DL4J's {@code CNN2DFormat} has the same two constants).
 */
public enum TensorLayout {

	/** Channels first: batch, channel, row, column (DL4J's native order, ONNX exports of torchvision models). */
	NCHW,

	/** Channels last: batch, row, column, channel (TensorFlow/Keras order). */
	NHWC

}
