package com.example.classifier.modelservice.model;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import com.example.classifier.common.JpegProfiles;

/**
 * Turns uploaded bytes into pixels with whichever ImageIO reader recognises them (JPEG, PNG, BMP, GIF, TIFF...),
 * upright per the JPEG's EXIF orientation. For an animated GIF the first frame is used.
 */
final class ImageDecoder {

	/** Refuse decompression bombs before allocating: 100 MP is far beyond any photo worth classifying at 224 px. */
	static final long MAX_PIXELS = 100_000_000L;

	private ImageDecoder() {
	}

	static BufferedImage decode(byte[] bytes) throws UnreadableImageException {
		if (bytes == null || bytes.length == 0) {
			throw new UnreadableImageException("The upload is empty");
		}
		// A memory-backed stream: ImageIO's default for streams is a temporary file per image.
		try (ImageInputStream input = new MemoryCacheImageInputStream(
				new ByteArrayInputStream(JpegProfiles.withoutIccProfile(bytes)))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
			if (!readers.hasNext()) {
				throw new UnreadableImageException(
						"Not an image in a format this service reads (" + readableFormats() + ")");
			}
			ImageReader reader = readers.next();
			try {
				// Upright as the camera meant it: models are trained on upright photos.
				return ExifOrientation.apply(read(reader, input), ExifOrientation.of(bytes));
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			// Readers signal corrupt data with IIOException, but malformed headers can also surface as runtime
			// exceptions from inside a plugin; either way retrying the same bytes will not help.
			throw new UnreadableImageException("The image could not be decoded: " + ex.getMessage(), ex);
		}
	}

	private static BufferedImage read(ImageReader reader, ImageInputStream input)
			throws IOException, UnreadableImageException {
		String format = reader.getFormatName().toUpperCase(Locale.ROOT);
		reader.setInput(input, true, true);
		long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
		if (pixels > MAX_PIXELS) {
			throw new UnreadableImageException("The " + format + " image is " + reader.getWidth(0) + "x"
					+ reader.getHeight(0) + " pixels; at most " + MAX_PIXELS / 1_000_000 + " megapixels are accepted");
		}
		List<String> warnings = new ArrayList<>();
		reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
		BufferedImage image = reader.read(0);
		for (String warning : warnings) {
			// The JPEG reader fills a truncated file with grey and only warns; a half image gives a confident wrong
			// answer, so it counts as unreadable. Other warnings (stray bytes between markers) decode fine.
			String lower = warning.toLowerCase(Locale.ROOT);
			if (lower.contains("truncated") || lower.contains("premature end")) {
				throw new UnreadableImageException("The " + format + " image is truncated or corrupt: " + warning);
			}
		}
		return image;
	}

	private static String readableFormats() {
		TreeSet<String> formats = new TreeSet<>();
		Arrays.stream(ImageIO.getReaderFormatNames())
			.map((name) -> name.toLowerCase(Locale.ROOT))
			.forEach(formats::add);
		return String.join(", ", formats);
	}

}
