package com.example.classifier.modelservice.image;

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
 * without intermediate images and only over the window the centre crop reads: 1.0 instead of 2.1 ms for a 768×576
 * photo (14 instead of 47 ms for 12 megapixels before the window, less now). Other layouts (grey, palette, alpha) take
 * the Java2D path.
 */
final class RasterScaler {

	/** Where red, green and blue sit in a 3-byte BGR pixel. */
	private static final int[] BGR = { 2, 1, 0 };

	/** Size of the image reduced by its power-of-two factor. */
	private final int width;

	private final int height;

	/** The part of the reduced image the centre crop reads: only that part is ever computed. */
	private final Span columns;

	private final Span rows;

	/** Red, green and blue planes of the window, row-major, 0–255. */
	private final float[][] planes;

	private RasterScaler(int width, int height, Span columns, Span rows, float[][] planes) {
		this.width = width;
		this.height = height;
		this.columns = columns;
		this.rows = rows;
		this.planes = planes;
	}

	/**
	 * The pixels the centred {@code width x height} crop of the image scaled to {@code scaledWidth x scaledHeight}
	 * needs, already reduced by the largest power of two that keeps the image at least that size (each reduced pixel
	 * the mean of its block, as repeated 2×2 halvings give); null when the image's layout is not one of the two
	 * handled here. Reducing while reading, and reading only the window the crop uses, keeps a 12-megapixel photo
	 * from ever being copied whole and skips the margins the crop drops (a third of a 4:3 photo).
	 */
	static RasterScaler of(BufferedImage image, int scaledWidth, int scaledHeight, int width, int height) {
		Raster raster = image.getRaster();
		if (raster.getParent() != null || raster.getSampleModelTranslateX() != 0
				|| raster.getSampleModelTranslateY() != 0) {
			return null;
		}
		int factor = 1;
		while (image.getWidth() / (2 * factor) >= scaledWidth && image.getHeight() / (2 * factor) >= scaledHeight) {
			factor *= 2;
		}
		int reducedWidth = image.getWidth() / factor;
		int reducedHeight = image.getHeight() / factor;
		Span columns = Span.read(reducedWidth, scaledWidth, width);
		Span rows = Span.read(reducedHeight, scaledHeight, height);
		Block block = new Block(factor, columns, rows);
		if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
				&& raster.getSampleModel() instanceof PixelInterleavedSampleModel model
				&& model.getPixelStride() == 3 && Arrays.equals(model.getBandOffsets(), BGR)
				&& raster.getDataBuffer() instanceof DataBufferByte buffer && buffer.getNumBanks() == 1
				&& buffer.getOffset() == 0) {
			return new RasterScaler(reducedWidth, reducedHeight, columns, rows,
					fromBgr(buffer.getData(), model.getScanlineStride(), block));
		}
		if (image.getType() == BufferedImage.TYPE_INT_RGB
				&& raster.getSampleModel() instanceof SinglePixelPackedSampleModel model
				&& raster.getDataBuffer() instanceof DataBufferInt buffer && buffer.getNumBanks() == 1
				&& buffer.getOffset() == 0) {
			return new RasterScaler(reducedWidth, reducedHeight, columns, rows,
					fromInts(buffer.getData(), model.getScanlineStride(), block));
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
		int stride = this.columns.size();
		int[] x0 = new int[width];
		int[] x1 = new int[width];
		float[] fx = new float[width];
		for (int x = 0; x < width; x++) {
			double sx = clamp((x + offsetX + 0.5) * stepX - 0.5, this.width - 1);
			x0[x] = (int) sx - this.columns.first();
			x1[x] = Math.min((int) sx + 1, this.width - 1) - this.columns.first();
			fx[x] = (float) (sx - (int) sx);
		}
		int[] pixels = new int[width * height];
		for (int y = 0; y < height; y++) {
			double sy = clamp((y + offsetY + 0.5) * stepY - 0.5, this.height - 1);
			int row0 = ((int) sy - this.rows.first()) * stride;
			int row1 = (Math.min((int) sy + 1, this.height - 1) - this.rows.first()) * stride;
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

	/** Block means of {@code factor x factor} pixels of 3-byte BGR data, over the window only. */
	private static float[][] fromBgr(byte[] data, int stride, Block block) {
		int factor = block.factor();
		int width = block.columns().size();
		int[] sums = new int[3 * width];
		float[][] planes = new float[3][width * block.rows().size()];
		for (int y = 0; y < block.rows().size(); y++) {
			Arrays.fill(sums, 0);
			for (int dy = 0; dy < factor; dy++) {
				int i = ((block.rows().first() + y) * factor + dy) * stride + 3 * block.columns().first() * factor;
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
		return planes;
	}

	/**
	 * The same for packed {@code 0xRRGGBB} ints. A twin of {@link #fromBgr} on purpose: one loop with the pixel read
	 * passed in as a function measured 1.5 instead of 0.9 ms for a 768×576 photo.
	 */
	private static float[][] fromInts(int[] data, int stride, Block block) {
		int factor = block.factor();
		int width = block.columns().size();
		int[] sums = new int[3 * width];
		float[][] planes = new float[3][width * block.rows().size()];
		for (int y = 0; y < block.rows().size(); y++) {
			Arrays.fill(sums, 0);
			for (int dy = 0; dy < factor; dy++) {
				int i = ((block.rows().first() + y) * factor + dy) * stride + block.columns().first() * factor;
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
		return planes;
	}

	private static void store(int[] sums, float[][] planes, int start, int width, int factor) {
		float scale = 1f / (factor * factor);
		for (int x = 0; x < width; x++) {
			planes[0][start + x] = sums[3 * x] * scale;
			planes[1][start + x] = sums[3 * x + 1] * scale;
			planes[2][start + x] = sums[3 * x + 2] * scale;
		}
	}

	/** A run of reduced columns (or rows), {@code first} to {@code last} inclusive. */
	private record Span(int first, int last) {

		int size() {
			return this.last - this.first + 1;
		}

		/**
		 * The reduced pixels bilinear sampling reads for a centred crop of {@code crop} out of {@code scaled}: the
		 * neighbours of its first and last sample, with the same arithmetic as {@link #scaleAndCrop}.
		 */
		static Span read(int reduced, int scaled, int crop) {
			int offset = (scaled - crop) / 2;
			double step = (double) reduced / scaled;
			int first = (int) clamp((offset + 0.5) * step - 0.5, reduced - 1);
			int last = Math.min((int) clamp((crop - 1 + offset + 0.5) * step - 0.5, reduced - 1) + 1, reduced - 1);
			return new Span(first, last);
		}

	}

	private record Block(int factor, Span columns, Span rows) {
	}

}
