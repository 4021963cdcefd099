package com.example.classifier.api.upload;

import java.util.Arrays;
import java.util.Optional;

import com.example.classifier.common.image.ImageType;

/**
 * The image formats as the api stores and serves them: file extension and media type. Which format bytes are, and
 * whether they are complete and safe to decode, is decided by {@code common}'s {@link ImageType} and
 * {@code ImageCheck}, which the worker runs too.
 */
public enum ImageFormat {

	JPEG(ImageType.JPEG, "jpg", "image/jpeg"), PNG(ImageType.PNG, "png", "image/png"),
	GIF(ImageType.GIF, "gif", "image/gif"), BMP(ImageType.BMP, "bmp", "image/bmp"),
	TIFF(ImageType.TIFF, "tif", "image/tiff"), WEBP(ImageType.WEBP, "webp", "image/webp");

	private final ImageType type;

	private final String extension;

	private final String mediaType;

	ImageFormat(ImageType type, String extension, String mediaType) {
		this.type = type;
		this.extension = extension;
		this.mediaType = mediaType;
	}

	public String extension() {
		return this.extension;
	}

	public String mediaType() {
		return this.mediaType;
	}

	public boolean isSupported() {
		return this.type.decodable();
	}

	static ImageFormat of(ImageType type) {
		return Arrays.stream(values()).filter((format) -> format.type == type).findFirst().orElseThrow();
	}

	public static Optional<ImageFormat> detect(byte[] bytes) {
		return ImageType.detect(bytes).map(ImageFormat::of);
	}

	public static Optional<ImageFormat> fromExtension(String extension) {
		return Arrays.stream(values()).filter((format) -> format.extension.equals(extension)).findFirst();
	}

}
