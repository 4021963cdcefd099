package com.example.classifier.modelservice.model;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.util.Arrays;

/**
 * {@link ImageResizer}'s scaling done on the pixel arrays themselves, for the two layouts nearly every photo arrives in:
 * the JPEG decoder's 3-byte BGR and packed RGB (what EXIF rotation produces). Same arithmetic as the Java2D path
 * (block means where Java2D halves, then bilinear sampling at pixel centres; results agree within a level of 255),
 * without intermediate images: 1.3 instead of 2.1 ms for a 768×576 photo, 14 instead of 47 ms for 12 megapixels.
 * Other layouts (grey, palette, alpha) take the Java2D path.
 */
final class RasterScaler {

	/** Where red, green and blue sit in a 3-byte BGR pixel. */
	private static final int[] BGR = { 2, 1, 0 };

	private final int width;

	private final int height;

	/** Red, green and blue planes, row-major, 0–255. */
	private final float[][] planes;

	private RasterScaler(int width, int height, float[][] planes) {
		this.width = width;
		this.height = height;
		this.planes = planes;
	}

	/**
	 * The image's pixels, already reduced by the largest power of two that keeps them at least
	 * {@code scaledWidth x scaledHeight} (each output pixel the mean of its block, as repeated 2×2 halvings give); null
	 * when the image's layout is not one of the two handled here. Reducing while reading keeps a 12-megapixel photo
	 * from ever being copied whole.
	 */
	static RasterScaler of(BufferedImage image, int scaledWidth, int scaledHeight) {
		Raster raster = image.getRaster();
		if (raster.getParent() != null || raster.getSampleModelTranslateX() != 0
				|| raster.getSampleModelTranslateY() != 0) {
			return null;
		}
		int factor = 1;
		while (image.getWidth() / (2 * factor) >= scaledWidth && image.getHeight() / (2 * factor) >= scaledHeight) {
			factor *= 2;
		}
		if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
				&& raster.getSampleModel() instanceof PixelInterleavedSampleModel model
				&& model.getPixelStride() == 3 && Arrays.equals(model.getBandOffsets(), BGR)
				&& raster.getDataBuffer() instanceof DataBufferByte buffer && buffer.getNumBanks() == 1
				&& buffer.getOffset() == 0) {
			return fromBgr(buffer.getData(), model.getScanlineStride(), image.getWidth(), image.getHeight(), factor);
		}
		if (image.getType() == BufferedImage.TYPE_INT_RGB
				&& raster.getSampleModel() instanceof SinglePixelPackedSampleModel model
				&& raster.getDataBuffer() instanceof DataBufferInt buffer && buffer.getNumBanks() == 1
				&& buffer.getOffset() == 0) {
			return fromInts(buffer.getData(), model.getScanlineStride(), image.getWidth(), image.getHeight(), factor);
		}
		return null;
	}

	/**
	 * Bilinear resampling to {@code scaledWidth x scaledHeight}, of which only the centred {@code width x height} window
	 * is computed. Returns packed {@code 0xRRGGBB} pixels, row-major.
	 */
	int[] scaleAndCrop(int scaledWidth, int scaledHeight, int width, int height) {
		int offsetX = (scaledWidth - width) / 2;
		int offsetY = (scaledHeight - height) / 2;
		double stepX = (double) this.width / scaledWidth;
		double stepY = (double) this.height / scaledHeight;
		int[] x0 = new int[width];
		int[] x1 = new int[width];
		float[] fx = new float[width];
		for (int x = 0; x < width; x++) {
			double sx = clamp((x + offsetX + 0.5) * stepX - 0.5, this.width - 1);
			x0[x] = (int) sx;
			x1[x] = Math.min(x0[x] + 1, this.width - 1);
			fx[x] = (float) (sx - x0[x]);
		}
		int[] pixels = new int[width * height];
		for (int y = 0; y < height; y++) {
			double sy = clamp((y + offsetY + 0.5) * stepY - 0.5, this.height - 1);
			int row0 = (int) sy * this.width;
			int row1 = Math.min((int) sy + 1, this.height - 1) * this.width;
			float fy = (float) (sy - (int) sy);
			for (int x = 0; x < width; x++) {
				int rgb = 0;
				for (int c = 0; c < 3; c++) {
					float[] p = this.planes[c];
					float top = p[row0 + x0[x]] + fx[x] * (p[row0 + x1[x]] - p[row0 + x0[x]]);
					float bottom = p[row1 + x0[x]] + fx[x] * (p[row1 + x1[x]] - p[row1 + x0[x]]);
					int value = Math.round(top + fy * (bottom - top));
					rgb = (rgb << 8) | Math.max(0, Math.min(255, value));
				}
				pixels[y * width + x] = rgb;
			}
		}
		return pixels;
	}

	private static double clamp(double value, int max) {
		return Math.max(0, Math.min(max, value));
	}

	/** Block means of {@code factor x factor} pixels of 3-byte BGR data (a trailing partial block is dropped). */
	private static RasterScaler fromBgr(byte[] data, int stride, int sourceWidth, int sourceHeight, int factor) {
		int width = sourceWidth / factor;
		int height = sourceHeight / factor;
		int[] sums = new int[3 * width];
		float[][] planes = new float[3][width * height];
		for (int y = 0; y < height; y++) {
			Arrays.fill(sums, 0);
			for (int dy = 0; dy < factor; dy++) {
				int i = (y * factor + dy) * stride;
				for (int x = 0; x < 3 * width; x += 3) {
					int r = 0;
					int g = 0;
					int b = 0;
					for (int dx = 0; dx < factor; dx++, i += 3) {
						b += data[i] & 0xFF;
						g += data[i + 1] & 0xFF;
						r += data[i + 2] & 0xFF;
					}
					sums[x] += r;
					sums[x + 1] += g;
					sums[x + 2] += b;
				}
			}
			store(sums, planes, y * width, width, factor);
		}
		return new RasterScaler(width, height, planes);
	}

	/**
	 * The same for packed {@code 0xRRGGBB} ints. A twin of {@link #fromBgr} on purpose: one loop with the pixel read
	 * passed in as a function measured 1.5 instead of 0.9 ms for a 768×576 photo.
	 */
	private static RasterScaler fromInts(int[] data, int stride, int sourceWidth, int sourceHeight, int factor) {
		int width = sourceWidth / factor;
		int height = sourceHeight / factor;
		int[] sums = new int[3 * width];
		float[][] planes = new float[3][width * height];
		for (int y = 0; y < height; y++) {
			Arrays.fill(sums, 0);
			for (int dy = 0; dy < factor; dy++) {
				int i = (y * factor + dy) * stride;
				for (int x = 0; x < 3 * width; x += 3) {
					int r = 0;
					int g = 0;
					int b = 0;
					for (int dx = 0; dx < factor; dx++, i++) {
						int rgb = data[i];
						r += (rgb >> 16) & 0xFF;
						g += (rgb >> 8) & 0xFF;
						b += rgb & 0xFF;
					}
					sums[x] += r;
					sums[x + 1] += g;
					sums[x + 2] += b;
				}
			}
			store(sums, planes, y * width, width, factor);
		}
		return new RasterScaler(width, height, planes);
	}

	private static void store(int[] sums, float[][] planes, int start, int width, int factor) {
		float scale = 1f / (factor * factor);
		for (int x = 0; x < width; x++) {
			planes[0][start + x] = sums[3 * x] * scale;
			planes[1][start + x] = sums[3 * x + 1] * scale;
			planes[2][start + x] = sums[3 * x + 2] * scale;
		}
	}

}
