package com.example.classifier.common.image;

import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;

import com.example.classifier.common.image.ImageRefusedException.Reason;

/**
 * Decides, without decoding a pixel, whether bytes are an image this service decodes within its {@link ImageLimits}:
 * format from the leading bytes, completeness and the sizes the JDK's readers take on trust from the file's own
 * structure, then width, height and the decoded pixel type from the reader's header. The api runs it on every upload
 * and the worker again on every job before decoding, so what the api accepts the worker decodes within the same
 * budget, and a job that reached the queue some other way is held to it too. Reading a photo's header costs 0.05 ms
 * (JPEG without its colour profile); a progressive JPEG's scans are counted in one pass over its bytes.
 */
public final class ImageCheck {

	/** What one scan of a JPEG costs beyond its pixels, in pixels: 10 000 scans of an 8 × 8 image took 42 ms. */
	private static final long SCAN_OVERHEAD_PIXELS = 1024;

	private ImageCheck() {
	}

	public static CheckedImage check(byte[] bytes, ImageLimits limits) throws ImageRefusedException {
		ImageType type = identify(bytes, limits);
		switch (type) {
			case BMP -> BmpStructure.check(bytes);
			case TIFF -> TiffStructure.check(bytes, limits);
			default -> {
			}
		}
		Header header = readHeader(bytes, type);
		long pixels = (long) header.width() * header.height();
		if (header.width() <= 0 || header.height() <= 0) {
			throw new ImageRefusedException(Reason.DAMAGED,
					"The %s image declares %d × %d pixels.".formatted(type, header.width(), header.height()));
		}
		if (header.width() > ImageLimits.MAX_SIDE || header.height() > ImageLimits.MAX_SIDE) {
			throw new ImageRefusedException(Reason.TOO_LARGE, "The %s image declares %d × %d pixels; sides of at most %d pixels are accepted."
				.formatted(type, header.width(), header.height(), ImageLimits.MAX_SIDE));
		}
		if (pixels > limits.maxPixels()) {
			throw new ImageRefusedException(Reason.TOO_LARGE, "The %s image declares %d × %d pixels; at most %d pixels are accepted."
				.formatted(type, header.width(), header.height(), limits.maxPixels()));
		}
		// The reader's own view of its tiles (the whole image where it has none): a crafted TIFF whose directory our
		// parser reads differently from the JDK's (a mangled entry, found by ImageFuzzTests) still cannot make it
		// allocate a 20000 x 20000 tile (400 MB) for a 1-pixel-wide image.
		if ((long) header.tileWidth() * header.tileHeight() > limits.maxPixels()) {
			throw new ImageRefusedException(Reason.TOO_LARGE, "The %s image is read in tiles of %d × %d pixels; at most %d pixels are accepted."
				.formatted(type, header.tileWidth(), header.tileHeight(), limits.maxPixels()));
		}
		long decodedBytes = pixels * header.bytesPerPixel();
		if (decodedBytes > limits.maxDecodedBytes()) {
			throw new ImageRefusedException(Reason.TOO_LARGE,
					"Decoded, the %d × %d %s image would take %d MB (%d bytes a pixel); at most %d MB are accepted."
						.formatted(header.width(), header.height(), type, decodedBytes >> 20, header.bytesPerPixel(),
								limits.maxDecodedBytes() >> 20));
		}
		if (type == ImageType.JPEG) {
			long scans = JpegStructure.progressiveScans(bytes);
			if (scans * (pixels + SCAN_OVERHEAD_PIXELS) > limits.maxJpegPixelScans()) {
				throw new ImageRefusedException(Reason.TOO_LARGE, ("The JPEG image has %d scans of %d × %d pixels; "
						+ "decoding it would take too long (at most %d pixel-scans are decoded).").formatted(scans,
								header.width(), header.height(), limits.maxJpegPixelScans()));
			}
		}
		return new CheckedImage(type, header.width(), header.height(), decodedBytes);
	}

	private static ImageType identify(byte[] bytes, ImageLimits limits) throws ImageRefusedException {
		if (bytes == null || bytes.length == 0) {
			throw new ImageRefusedException(Reason.EMPTY, "The file is empty.");
		}
		if (bytes.length > limits.maxBytes()) {
			throw new ImageRefusedException(Reason.TOO_LARGE,
					"The file is %d bytes; at most %d are accepted.".formatted(bytes.length, limits.maxBytes()));
		}
		ImageType type = ImageType.detect(bytes)
			.orElseThrow(() -> new ImageRefusedException(Reason.NOT_AN_IMAGE,
					"The file is not an image (expected JPEG, PNG, GIF, BMP or TIFF)."));
		if (!type.decodable()) {
			throw new ImageRefusedException(Reason.UNSUPPORTED,
					type + " images are not supported; please send JPEG, PNG, GIF, BMP or TIFF.");
		}
		if (!type.isComplete(bytes)) {
			throw new ImageRefusedException(Reason.DAMAGED, "The " + type + " file is truncated or damaged.");
		}
		return type;
	}

	private static Header readHeader(byte[] bytes, ImageType type) throws ImageRefusedException {
		try (OpenImage image = OpenImage.of(bytes, type)) {
			ImageReader reader = image.reader();
			int width = reader.getWidth(0);
			int height = reader.getHeight(0);
			Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
			if (types == null || !types.hasNext()) {
				throw new IOException("no pixel type");
			}
			return new Header(width, height, reader.getTileWidth(0), reader.getTileHeight(0),
					bytesPerPixel(types.next().getSampleModel()));
		}
		catch (IOException | RuntimeException ex) {
			throw new ImageRefusedException(Reason.DAMAGED,
					"The %s header cannot be read; the file is damaged (%s).".formatted(type,
							(ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName()));
		}
	}

	/** Bytes a pixel takes in the reader's default image type; a packed type counts a whole element a pixel. */
	private static int bytesPerPixel(SampleModel model) {
		int bits = model.getNumDataElements() * DataBuffer.getDataTypeSize(model.getDataType());
		return Math.max(1, (bits + 7) / 8);
	}

	private record Header(int width, int height, int tileWidth, int tileHeight, int bytesPerPixel) {
	}

}
