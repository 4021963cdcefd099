package com.example.classifier.api.upload;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.ImageIO;

/** Small valid and hostile images made in code. */
public final class TestImages {

	private TestImages() {
	}

	public static byte[] png(int width, int height) {
		return encode(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png");
	}

	public static byte[] jpeg(int width, int height) {
		return encode(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "jpg");
	}

	public static byte[] truncated(byte[] image) {
		return Arrays.copyOf(image, image.length / 2);
	}

	public static byte[] webp() {
		byte[] bytes = new byte[64];
		System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
		System.arraycopy("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 0, bytes, 8, 8);
		return bytes;
	}

	private static byte[] encode(BufferedImage image, String format) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(image, format, out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
