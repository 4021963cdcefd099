package com.example.classifier.modelservice.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The standard ImageNet evaluation crop: scale so the short side is {@code size * 256 / 224}, then take the centre
 * {@code size x size}. The margin keeps the framing the models were trained and validated with.
 */
final class ImageResizer {

	private static final double CROP_MARGIN = 256.0 / 224.0;

	private ImageResizer() {
	}

	/**
	 * @return {@code width * height} packed {@code 0xRRGGBB} pixels, row-major
	 */
	static int[] scaleAndCrop(BufferedImage source, int width, int height) {
		double scale = Math.max((double) width / source.getWidth(), (double) height / source.getHeight()) * CROP_MARGIN;
		int scaledWidth = Math.max(width, (int) Math.round(source.getWidth() * scale));
		int scaledHeight = Math.max(height, (int) Math.round(source.getHeight() * scale));

		RasterScaler raster = RasterScaler.of(source, scaledWidth, scaledHeight, width, height);
		if (raster != null) {
			return raster.scaleAndCrop(scaledWidth, scaledHeight, width, height);
		}
		// Bilinear filtering reads only 2x2 source pixels, so one big step down aliases; halving first averages
		// every pixel in (like an anti-aliased resize) and stays fast.
		BufferedImage current = source;
		while (current.getWidth() / 2 >= scaledWidth && current.getHeight() / 2 >= scaledHeight) {
			current = resize(current, current.getWidth() / 2, current.getHeight() / 2);
		}
		AffineTransform transform = AffineTransform.getTranslateInstance(-((scaledWidth - width) / 2),
				-((scaledHeight - height) / 2));
		transform.scale((double) scaledWidth / current.getWidth(), (double) scaledHeight / current.getHeight());
		return pixels(draw(current, width, height, transform));
	}

	/**
	 * {@link Resize#SQUASH}: the whole image to {@code width x height}, nearest neighbour, PIL's sampling
	 * ({@code floor((x + 0.5) * scale)}). Transparent pixels keep their colour, as PIL's {@code convert('RGB')}.
	 * @return {@code width * height} packed {@code 0xRRGGBB} pixels, row-major
	 */
	static int[] squash(BufferedImage source, int width, int height) {
		int[] rows = nearest(source.getHeight(), height);
		int[] columns = nearest(source.getWidth(), width);
		int[] pixels = new int[width * height];
		int[] row = new int[source.getWidth()];
		for (int y = 0; y < height; y++) {
			source.getRGB(0, rows[y], source.getWidth(), 1, row, 0, source.getWidth());
			for (int x = 0; x < width; x++) {
				pixels[y * width + x] = row[columns[x]] & 0xFFFFFF;
			}
		}
		return pixels;
	}

	/** The source index PIL's NEAREST reads for each target index. */
	static int[] nearest(int sourceSize, int targetSize) {
		int[] indices = new int[targetSize];
		double scale = (double) sourceSize / targetSize;
		for (int i = 0; i < targetSize; i++) {
			indices[i] = Math.min((int) Math.floor((i + 0.5) * scale), sourceSize - 1);
		}
		return indices;
	}

	private static BufferedImage resize(BufferedImage source, int width, int height) {
		return draw(source, width, height, AffineTransform.getScaleInstance((double) width / source.getWidth(),
				(double) height / source.getHeight()));
	}

	private static BufferedImage draw(BufferedImage source, int width, int height, AffineTransform transform) {
		BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = target.createGraphics();
		try {
			// Transparent pixels come out white, as viewers show them, instead of black.
			graphics.setColor(Color.WHITE);
			graphics.fillRect(0, 0, width, height);
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			graphics.drawImage(source, transform, null);
		}
		finally {
			graphics.dispose();
		}
		return target;
	}

	private static int[] pixels(BufferedImage intRgb) {
		return ((DataBufferInt) intRgb.getRaster().getDataBuffer()).getData();
	}

}
