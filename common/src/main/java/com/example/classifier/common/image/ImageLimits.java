package com.example.classifier.common.image;

/**
 * How large an image this service decodes, the same in the api's inspection and in the worker. Every bound follows from
 * {@code maxPixels}, so one setting sizes both memory and time:
 * <ul>
 * <li>decoded pixels may take {@code 4 × maxPixels} bytes (8-bit RGBA; 160 MB at the default 40 MP). A 16-bit RGB
 * image (6 bytes a pixel) is held to 2/3 of the pixels;</li>
 * <li>a JPEG may take {@code 4 × maxPixels} pixel-scans to decode (each scan counted as its pixels + 1024). The JDK's
 * reader converts and delivers the whole image after every scan of a JPEG of several scans: 40 MP in 10 progressive
 * scans took 7.6–10.7 s here (2 shared cores, load 19) against 0.8–1.2 s for the same image in one scan, and a scan
 * can be a dozen bytes. At the default a 16 MP progressive photo (10 scans) still passes;</li>
 * <li>a TIFF tile may hold {@code maxPixels} pixels (the reader allocates whole tiles, whatever the image's size);</li>
 * <li>a side may be {@link #MAX_SIDE} pixels long, a JPEG's own limit: readers pay per row as well as per pixel, and
 * a 1 × 1 000 000 PNG of 4 KB took 149 ms to decode (1 × 40 000 000 would take seconds).</li>
 * </ul>
 *
 * @param maxBytes largest file accepted
 * @param maxPixels largest width × height accepted
 */
public record ImageLimits(long maxBytes, long maxPixels) {

	/** Longest side accepted, in pixels. */
	public static final int MAX_SIDE = 65_535;

	/** The services' defaults: 10 MB (the api's multipart limit) and 40 megapixels. */
	public static final ImageLimits DEFAULT = new ImageLimits(10L * 1024 * 1024, 40_000_000L);

	public ImageLimits {
		if (maxBytes <= 0 || maxPixels <= 0) {
			throw new IllegalArgumentException("Image limits must be positive: " + maxBytes + " bytes, " + maxPixels
					+ " pixels");
		}
	}

	/** Most bytes the decoded pixels may take. */
	public long maxDecodedBytes() {
		return 4 * this.maxPixels;
	}

	/** Most pixels × scans a JPEG may take to decode. */
	public long maxJpegPixelScans() {
		return 4 * this.maxPixels;
	}

}
