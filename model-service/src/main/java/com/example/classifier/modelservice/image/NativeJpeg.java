package com.example.classifier.modelservice.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * OpenCV's {@code imdecode} (bytedeco 4.5.5-1.5.7: libjpeg-turbo 2.1) at 1/2, 1/4 or 1/8 scale: libjpeg-turbo scales
 * in the inverse DCT, so the skipped pixels are never computed, and each output pixel is the mean of its block, as
 * {@link RasterScaler}'s reduction would have made it. A 4032 × 3024 photo at 1/8 in 13–34 ms against ImageIO's
 * 38–49 ms subsampled (docs/performance.md). The input is copied off-heap for the call and the output back onto the
 * heap, both freed when it returns (1 000 decodes: no growth, docs/performance.md). Any failure inside (corrupt data,
 * a layout OpenCV chose otherwise) yields null, and the caller decodes with ImageIO instead: that reader's error is
 * the one users see, and an image only the native decoder refuses still decodes.
 */
final class NativeJpeg {

	private NativeJpeg() {
	}

	/** Whether the library loaded; why not, once, if it did not. */
	static boolean available() {
		return Library.FAILURE == null;
	}

	/** Why the library did not load; null when it did. */
	static Throwable failure() {
		return Library.FAILURE;
	}

	/**
	 * The JPEG decoded at {@code 1 / factor} scale (2, 4 or 8), 3-byte BGR, as stored (EXIF orientation not applied);
	 * null when the native decoder could not read it.
	 * @param width the stored width, as checked
	 * @param height the stored height, as checked
	 */
	static BufferedImage decode(byte[] jpeg, int factor, int width, int height) {
		if (!available()) {
			return null;
		}
		// libjpeg-turbo's scaled size: ceil(side / factor), as ImageIO's subsampling keeps.
		int scaledWidth = (width + factor - 1) / factor;
		int scaledHeight = (height + factor - 1) / factor;
		int flags = reduced(factor) | opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
		try (BytePointer data = new BytePointer(jpeg);
				Mat encoded = new Mat(1, jpeg.length, opencv_core.CV_8UC1, data);
				Mat decoded = opencv_imgcodecs.imdecode(encoded, flags)) {
			if (decoded.empty() || decoded.type() != opencv_core.CV_8UC3 || !decoded.isContinuous()
					|| decoded.cols() != scaledWidth || decoded.rows() != scaledHeight) {
				return null;
			}
			BufferedImage image = new BufferedImage(scaledWidth, scaledHeight, BufferedImage.TYPE_3BYTE_BGR);
			decoded.data().get(((DataBufferByte) image.getRaster().getDataBuffer()).getData());
			return image;
		}
		catch (RuntimeException ex) {
			// OpenCV's cv::Exception arrives as a RuntimeException; the bytes go to ImageIO instead.
			return null;
		}
	}

	private static int reduced(int factor) {
		return switch (factor) {
			case 2 -> opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
			case 4 -> opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
			case 8 -> opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
			default -> throw new IllegalArgumentException("libjpeg-turbo scales by 2, 4 or 8, not " + factor);
		};
	}

	/** Loads the natives on first use: about 1 s, once per JVM (4 s the first time, unpacking them). */
	private static final class Library {

		static final Throwable FAILURE = load();

		private static Throwable load() {
			try {
				Loader.load(opencv_imgcodecs.class);
				return null;
			}
			catch (Throwable ex) {
				// UnsatisfiedLinkError, NoClassDefFoundError or Loader's own: any of them means ImageIO only.
				return ex;
			}
		}

	}

}
