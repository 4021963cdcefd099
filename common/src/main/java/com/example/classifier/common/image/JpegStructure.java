package com.example.classifier.common.image;

/**
 * How many scans the JDK's JPEG reader will go through in a progressive JPEG. For a JPEG of several scans it converts
 * and delivers the whole image after each one (libjpeg's buffered-image mode, see {@link ImageLimits}), so decoding
 * time grows with pixels × scans, and a progressive scan can be a dozen bytes. (A sequential JPEG has at most one scan
 * per component, four, so it stays within {@link ImageLimits#maxJpegPixelScans()} by the pixel limit alone.) The
 * markers are walked, and between them the entropy-coded data, where a 0xFF byte is always followed by a stuffed zero
 * or a restart marker unless a marker begins.
 */
final class JpegStructure {

	private static final int SOF2 = 0xC2;

	private static final int SOS = 0xDA;

	private static final int EOI = 0xD9;

	private JpegStructure() {
	}

	/**
	 * The scans of a progressive JPEG; 0 for a sequential one, and for markers that do not parse (the reader then says
	 * what is wrong).
	 */
	static int progressiveScans(byte[] jpeg) {
		int scans = 0;
		int at = 2;
		while (at + 4 <= jpeg.length) {
			if ((jpeg[at] & 0xFF) != 0xFF) {
				return scans;
			}
			int marker = jpeg[at + 1] & 0xFF;
			if (marker == 0xFF || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
				at += (marker == 0xFF) ? 1 : 2;
				continue;
			}
			if (marker == EOI) {
				break;
			}
			int end = at + 2 + Bytes.u16(jpeg, at + 2, true);
			if (isStartOfFrame(marker) && marker != SOF2 && marker != 0xC6 && marker != 0xCA && marker != 0xCE) {
				return 0;
			}
			if (marker == SOS) {
				scans++;
				at = nextMarker(jpeg, end);
			}
			else {
				at = end;
			}
		}
		return scans;
	}

	private static boolean isStartOfFrame(int marker) {
		return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
	}

	/** The next marker after entropy-coded data starting at {@code from}. */
	private static int nextMarker(byte[] jpeg, int from) {
		for (int i = Math.max(from, 0); i + 1 < jpeg.length; i++) {
			if ((jpeg[i] & 0xFF) == 0xFF) {
				int next = jpeg[i + 1] & 0xFF;
				if (next != 0 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
					return i;
				}
			}
		}
		return jpeg.length;
	}

}
