package com.example.classifier.modelservice.image;

/**
 * One image ready for the model: normalised floats in the model's own layout (NCHW or NHWC), without the batch axis.
 *
 * @param pixels {@code channels * height * width} values
 */
public record PreparedImage(float[] pixels) {
}
