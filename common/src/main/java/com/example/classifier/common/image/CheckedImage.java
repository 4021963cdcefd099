package com.example.classifier.common.image;

/**
 * An image that passed {@link ImageCheck}: within the limits by its own header.
 *
 * @param type its format
 * @param width declared width
 * @param height declared height
 * @param decodedBytes what its decoded pixels take, from the reader's own image type
 */
public record CheckedImage(ImageType type, int width, int height, long decodedBytes) {
}
