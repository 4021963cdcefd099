package com.example.classifier.modelservice.image;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.example.classifier.common.image.Bytes;

/**
 * The EXIF orientation of a JPEG, and the image turned upright by it. Phones store photos as the sensor saw them and
 * record in EXIF how to turn them for display; ImageIO ignores that tag, and a dog lying on its side is classified
 * worse than one standing. Only the APP segments before the image data are read, with every offset bounds-checked:
 * anything malformed counts as "no orientation".
 */
final class ExifOrientation {

	/** As stored: no turn needed. */
	static final int NORMAL = 1;

	private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);

	private static final int ORIENTATION_TAG = 0x0112;

	private ExifOrientation() {
	}

	/** The orientation (1..8) of a JPEG's EXIF data; {@link #NORMAL} for other formats or without a valid tag. */
	static int of(byte[] bytes) {
		if (bytes.length < 4 || (bytes[0] & 0xFF) != 0xFF || (bytes[1] & 0xFF) != 0xD8) {
			return NORMAL;
		}
		int i = 2;
		while (i + 4 <= bytes.length) {
			if ((bytes[i] & 0xFF) != 0xFF) {
				return NORMAL;
			}
			int marker = bytes[i + 1] & 0xFF;
			if (marker == 0xFF) {
				i++;
				continue;
			}
			if (marker == 0xDA || marker == 0xD9) {
				// Start of scan (or end of image): metadata segments only come before it.
				return NORMAL;
			}
			int length = Bytes.u16(bytes, i + 2, true);
			if (length < 2) {
				return NORMAL;
			}
			int start = i + 4;
			int end = Math.min(bytes.length, i + 2 + length);
			if (marker == 0xE1 && end - start > EXIF_HEADER.length
					&& Arrays.equals(bytes, start, start + EXIF_HEADER.length, EXIF_HEADER, 0, EXIF_HEADER.length)) {
				return fromTiff(bytes, start + EXIF_HEADER.length, end);
			}
			i += 2 + length;
		}
		return NORMAL;
	}

	/** The image as it should be displayed: turned and/or mirrored per the EXIF orientation. */
	static BufferedImage apply(BufferedImage image, int orientation) {
		int w = image.getWidth();
		int h = image.getHeight();
		AffineTransform transform = switch (orientation) {
			case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
			case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
			case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
			case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
			case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
			case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
			case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
			default -> null;
		};
		if (transform == null) {
			return image;
		}
		boolean swapsSides = orientation >= 5;
		BufferedImage upright = new BufferedImage(swapsSides ? h : w, swapsSides ? w : h,
				image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = upright.createGraphics();
		try {
			// Whole-pixel turns and mirrors: nearest neighbour (the default) moves pixels without blending them.
			graphics.drawImage(image, transform, null);
		}
		finally {
			graphics.dispose();
		}
		return upright;
	}

	private static int fromTiff(byte[] bytes, int tiff, int end) {
		if (tiff + 8 > end) {
			return NORMAL;
		}
		boolean bigEndian;
		if (bytes[tiff] == 'M' && bytes[tiff + 1] == 'M') {
			bigEndian = true;
		}
		else if (bytes[tiff] == 'I' && bytes[tiff + 1] == 'I') {
			bigEndian = false;
		}
		else {
			return NORMAL;
		}
		if (Bytes.u16(bytes, tiff + 2, bigEndian) != 42) {
			return NORMAL;
		}
		long ifd = tiff + Bytes.u32(bytes, tiff + 4, bigEndian);
		if (ifd + 2 > end) {
			return NORMAL;
		}
		int entries = Bytes.u16(bytes, (int) ifd, bigEndian);
		for (int k = 0; k < entries; k++) {
			long entry = ifd + 2 + 12L * k;
			if (entry + 12 > end) {
				return NORMAL;
			}
			if (Bytes.u16(bytes, (int) entry, bigEndian) == ORIENTATION_TAG) {
				// Type SHORT, count 1: the value sits in the first two bytes of the entry's value field.
				int value = Bytes.u16(bytes, (int) entry + 8, bigEndian);
				return (value >= 1 && value <= 8) ? value : NORMAL;
			}
		}
		return NORMAL;
	}

}
