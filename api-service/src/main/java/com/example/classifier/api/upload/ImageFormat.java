package com.example.classifier.api.upload;

import java.util.Arrays;
import java.util.Optional;

/**
 * Image formats recognised by their leading bytes, never by file name. Each knows its extension, its media type and
 * how to tell a complete file from a truncated one.
 */
public enum ImageFormat {

	JPEG("jpg", "image/jpeg", true) {
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
	PNG("png", "image/png", true) {
		@Override
		boolean matches(byte[] b) {
			return startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
		}

		@Override
		boolean isComplete(byte[] b) {
			return indexOf(b, "IEND".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
					Math.max(0, b.length - 64)) >= 0;
		}
	},
	GIF("gif", "image/gif", true) {
		@Override
		boolean matches(byte[] b) {
			return startsWith(b, 'G', 'I', 'F', '8') && b.length > 5 && (b[4] == '7' || b[4] == '9') && b[5] == 'a';
		}

		@Override
		boolean isComplete(byte[] b) {
			return b.length > 13 && b[b.length - 1] == 0x3B;
		}
	},
	BMP("bmp", "image/bmp", true) {
		@Override
		boolean matches(byte[] b) {
			return startsWith(b, 'B', 'M') && b.length >= 26;
		}

		@Override
		boolean isComplete(byte[] b) {
			long declared = (b[2] & 0xFFL) | (b[3] & 0xFFL) << 8 | (b[4] & 0xFFL) << 16 | (b[5] & 0xFFL) << 24;
			return declared <= b.length;
		}
	},
	TIFF("tif", "image/tiff", true) {
		@Override
		boolean matches(byte[] b) {
			return startsWith(b, 'I', 'I', 42, 0) || startsWith(b, 'M', 'M', 0, 42);
		}

		@Override
		boolean isComplete(byte[] b) {
			return true;
		}
	},
	/** Recognised so users get "not supported" rather than "not an image": the JDK has no WebP decoder. */
	WEBP("webp", "image/webp", false) {
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

	private final String extension;

	private final String mediaType;

	private final boolean supported;

	ImageFormat(String extension, String mediaType, boolean supported) {
		this.extension = extension;
		this.mediaType = mediaType;
		this.supported = supported;
	}

	public String extension() {
		return this.extension;
	}

	public String mediaType() {
		return this.mediaType;
	}

	public boolean isSupported() {
		return this.supported;
	}

	abstract boolean matches(byte[] bytes);

	abstract boolean isComplete(byte[] bytes);

	public static Optional<ImageFormat> detect(byte[] bytes) {
		return Arrays.stream(values()).filter((format) -> format.matches(bytes)).findFirst();
	}

	public static Optional<ImageFormat> fromExtension(String extension) {
		return Arrays.stream(values()).filter((format) -> format.extension.equals(extension)).findFirst();
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
