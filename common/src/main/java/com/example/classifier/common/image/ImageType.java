package com.example.classifier.common.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Image formats recognised by their leading bytes, never by file name, and how to tell a complete file from a truncated
 * one. Shared by the api's inspection and the worker's decoder, so both see the same format in the same bytes.
 */
public enum ImageType {

	JPEG(true) {
		@Override
		boolean matches(byte[] b) {
			return startsWith(b, 0xFF, 0xD8, 0xFF);
		}

		@Override
		boolean isComplete(byte[] b) {
			// The end-of-image marker must close the file; only a little padding may follow it. Searching the
			// whole file would be fooled by the EXIF thumbnail's own marker.
			for (int i = b.length - 2; i >= Math.max(2, b.length - 64); i--) {
				if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
					return true;
				}
			}
			return false;
		}
	},
	PNG(true) {
		@Override
		boolean matches(byte[] b) {
			return startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
		}

		@Override
		boolean isComplete(byte[] b) {
			return indexOf(b, "IEND".getBytes(StandardCharsets.US_ASCII), Math.max(0, b.length - 64)) >= 0;
		}
	},
	GIF(true) {
		@Override
		boolean matches(byte[] b) {
			return startsWith(b, 'G', 'I', 'F', '8') && b.length > 5 && (b[4] == '7' || b[4] == '9') && b[5] == 'a';
		}

		@Override
		boolean isComplete(byte[] b) {
			return b.length > 13 && b[b.length - 1] == 0x3B;
		}
	},
	BMP(true) {
		@Override
		boolean matches(byte[] b) {
			return startsWith(b, 'B', 'M') && b.length >= 26;
		}

		@Override
		boolean isComplete(byte[] b) {
			return Bytes.u32(b, 2, false) <= b.length;
		}
	},
	TIFF(true) {
		@Override
		boolean matches(byte[] b) {
			return startsWith(b, 'I', 'I', 42, 0) || startsWith(b, 'M', 'M', 0, 42)
					|| startsWith(b, 'I', 'I', 43, 0) || startsWith(b, 'M', 'M', 0, 43);
		}

		@Override
		boolean isComplete(byte[] b) {
			// Every strip and tile is checked against the bytes present when the header is read (the JDK's TIFF
			// reader does so over a stream that knows its length, see ByteArrayImageInputStream).
			return true;
		}
	},
	/** Recognised so users get "not supported" rather than "not an image": the JDK has no WebP decoder. */
	WEBP(false) {
		@Override
		boolean matches(byte[] b) {
			return startsWith(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
					&& b[11] == 'P';
		}

		@Override
		boolean isComplete(byte[] b) {
			return true;
		}
	};

	private final boolean decodable;

	ImageType(boolean decodable) {
		this.decodable = decodable;
	}

	/** Whether this service decodes the format at all. */
	public boolean decodable() {
		return this.decodable;
	}

	abstract boolean matches(byte[] bytes);

	abstract boolean isComplete(byte[] bytes);

	public static Optional<ImageType> detect(byte[] bytes) {
		return Arrays.stream(values()).filter((type) -> type.matches(bytes)).findFirst();
	}

	private static boolean startsWith(byte[] bytes, int... prefix) {
		if (bytes.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((bytes[i] & 0xFF) != (prefix[i] & 0xFF)) {
				return false;
			}
		}
		return true;
	}

	private static int indexOf(byte[] bytes, byte[] needle, int from) {
		outer: for (int i = from; i <= bytes.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (bytes[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
