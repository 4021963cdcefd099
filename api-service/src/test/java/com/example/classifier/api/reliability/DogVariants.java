package com.example.classifier.api.reliability;

import java.awt.image.BufferedImage;

import com.example.classifier.common.test.TestPhotos;

/**
 * Distinct JPEGs of the shared dog photo (one pixel differs in each), so every request is real work for a model
 * worker rather than a result-cache hit.
 */
final class DogVariants {

	private final BufferedImage dog = TestPhotos.read("dog.jpg");

	private int next;

	synchronized byte[] next() {
		int n = this.next++;
		BufferedImage copy = new BufferedImage(this.dog.getWidth(), this.dog.getHeight(), BufferedImage.TYPE_INT_RGB);
		copy.getGraphics().drawImage(this.dog, 0, 0, null);
		copy.setRGB(n % copy.getWidth(), (n / copy.getWidth()) % copy.getHeight(), 0xFF00FF ^ n);
		return TestPhotos.encode(copy, "jpg");
	}

}
