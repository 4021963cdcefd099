package com.example.classifier.api.reliability;

import java.awt.image.BufferedImage;

import com.example.classifier.common.test.TestPhotos;

/**
 * Distinct JPEGs of the shared dog photo (one pixel differs in each), so every request is real work for a model
 * worker rather than a result-cache hit.
 */
final class DogVariants {

	private final BufferedImage dog;

	private int next;

	/** Variants of the photo as it is (768 x 576). */
	DogVariants() {
		this(0);
	}

	/** Variants scaled to {@code width} pixels wide (0 = as it is): small uploads, for tests about the request path. */
	DogVariants(int width) {
		BufferedImage photo = TestPhotos.read("dog.jpg");
		if (width <= 0) {
			this.dog = photo;
		}
		else {
			int height = photo.getHeight() * width / photo.getWidth();
			this.dog = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
			java.awt.Graphics2D graphics = this.dog.createGraphics();
			graphics.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
					java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			graphics.drawImage(photo, 0, 0, width, height, null);
			graphics.dispose();
		}
	}

	synchronized byte[] next() {
		int n = this.next++;
		BufferedImage copy = new BufferedImage(this.dog.getWidth(), this.dog.getHeight(), BufferedImage.TYPE_INT_RGB);
		copy.getGraphics().drawImage(this.dog, 0, 0, null);
		copy.setRGB(n % copy.getWidth(), (n / copy.getWidth()) % copy.getHeight(), 0xFF00FF ^ n);
		return TestPhotos.encode(copy, "jpg");
	}

}
