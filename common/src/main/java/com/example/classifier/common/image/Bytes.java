package com.example.classifier.common.image;

/**
 * Unsigned reads from a byte array in either byte order, for parsers of image headers (here and the worker's EXIF
 * reader); the caller has checked the bounds.
 */
public final class Bytes {

	private Bytes() {
	}

	public static int u16(byte[] b, int at, boolean bigEndian) {
		int first = b[at] & 0xFF;
		int second = b[at + 1] & 0xFF;
		return bigEndian ? (first << 8) | second : (second << 8) | first;
	}

	public static long u32(byte[] b, int at, boolean bigEndian) {
		long high = u16(b, bigEndian ? at : at + 2, bigEndian);
		long low = u16(b, bigEndian ? at + 2 : at, bigEndian);
		return (high << 16) | low;
	}

	/** True when {@code length} bytes from {@code at} lie inside the array (no overflow for any long). */
	public static boolean within(byte[] b, long at, long length) {
		return at >= 0 && length >= 0 && at <= b.length && length <= b.length - at;
	}

}
