package com.example.classifier.common.image;

import com.example.classifier.common.image.ImageRefusedException.Reason;

/**
 * What the JDK's BMP reader takes on trust in a BMP header. A BMP that embeds a JPEG or PNG ({@code BI_JPEG},
 * {@code BI_PNG}) makes it allocate {@code biSizeImage} bytes before reading them: 0x7FFFFFFF threw
 * {@code OutOfMemoryError} even over a stream of known length, so such BMPs are not decoded at all (browsers and
 * cameras never write them). Run-length encoded pixel data is sized by the same field and must lie within the file.
 */
final class BmpStructure {

	private static final int HEADER = 14;

	private static final long BI_RLE8 = 1;

	private static final long BI_RLE4 = 2;

	private static final long BI_JPEG = 4;

	private static final long BI_PNG = 5;

	private BmpStructure() {
	}

	static void check(byte[] bmp) throws ImageRefusedException {
		long pixelsAt = Bytes.u32(bmp, 10, false);
		long infoSize = Bytes.u32(bmp, HEADER, false);
		if (pixelsAt > bmp.length) {
			throw new ImageRefusedException(Reason.DAMAGED, "The BMP file's pixels start at byte %d, beyond its %d bytes."
				.formatted(pixelsAt, bmp.length));
		}
		// BITMAPCOREHEADER (12 bytes) has no compression field; all larger headers have it at the same place.
		if (infoSize < 40 || !Bytes.within(bmp, HEADER + 16, 8)) {
			return;
		}
		long compression = Bytes.u32(bmp, HEADER + 16, false);
		long imageSize = Bytes.u32(bmp, HEADER + 20, false);
		if (compression == BI_JPEG || compression == BI_PNG) {
			throw new ImageRefusedException(Reason.UNSUPPORTED, "BMP files that embed a %s are not supported; please send the %s itself."
				.formatted(compression == BI_JPEG ? "JPEG" : "PNG", compression == BI_JPEG ? "JPEG" : "PNG"));
		}
		if ((compression == BI_RLE8 || compression == BI_RLE4) && !Bytes.within(bmp, pixelsAt, imageSize)) {
			throw new ImageRefusedException(Reason.DAMAGED,
					"The BMP file declares %d bytes of pixel data at byte %d, beyond its %d bytes."
						.formatted(imageSize, pixelsAt, bmp.length));
		}
	}

}
