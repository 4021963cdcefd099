package com.example.classifier.modelservice.image;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Resize#SQUASH}: Keras load_img(target_size=...) through PIL's NEAREST. */
class ImageResizerTests {

	@Test
	void squashSamplesThePixelsPilsNearestSamples() {
		// PIL: source index floor((i + 0.5) * source / target). 5 -> 2 reads 1 and 3; 3 -> 2 reads 0 and 2.
		assertThat(ImageResizer.nearest(5, 2)).containsExactly(1, 3);
		assertThat(ImageResizer.nearest(3, 2)).containsExactly(0, 2);
		// Upscaling repeats: 2 -> 5 reads 0, 0, 1, 1, 1.
		assertThat(ImageResizer.nearest(2, 5)).containsExactly(0, 0, 1, 1, 1);
		BufferedImage image = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 3; y++) {
			for (int x = 0; x < 5; x++) {
				image.setRGB(x, y, (x << 16) | (y << 8) | 7);
			}
		}
		assertThat(ImageResizer.squash(image, 2, 2)).containsExactly(0x010007, 0x030007, 0x010207, 0x030207);
	}

	@Test
	void squashKeepsTheWholePhotoWhereTheCropCutsTheSidesAway() {
		// A wide photo: red left third, green middle, blue right third.
		BufferedImage wide = new BufferedImage(600, 200, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < 600; x++) {
			int colour = (x < 200) ? 0xFF0000 : (x < 400) ? 0x00FF00 : 0x0000FF;
			for (int y = 0; y < 200; y++) {
				wide.setRGB(x, y, colour);
			}
		}
		int[] squashed = ImageResizer.squash(wide, 224, 224);
		assertThat(squashed[0]).isEqualTo(0xFF0000);
		assertThat(squashed[112]).isEqualTo(0x00FF00);
		assertThat(squashed[223]).isEqualTo(0x0000FF);
		int[] cropped = ImageResizer.scaleAndCrop(wide, 224, 224);
		assertThat(cropped[0]).isEqualTo(0x00FF00);
		assertThat(cropped[223]).isEqualTo(0x00FF00);
	}

}
