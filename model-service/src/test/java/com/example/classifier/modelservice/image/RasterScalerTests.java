package com.example.classifier.modelservice.image;

import java.awt.image.BufferedImage;

import com.example.classifier.common.test.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The array-level scaling gives what the Java2D path gives (within a level or two of 255), on real photos. */
class RasterScalerTests {

	@Test
	void decodedJpegsAndRotatedPhotosTakeTheFastPath() throws Exception {
		BufferedImage jpeg = ImageDecoder.decode(Fixtures.imageBytes("dog.jpg"), DecodeBudget.DEFAULT);
		assertThat(jpeg.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
		assertThat(RasterScaler.of(jpeg, 341, 256, 224, 224)).isNotNull();
		assertThat(RasterScaler.of(copy(jpeg, BufferedImage.TYPE_INT_RGB), 341, 256, 224, 224)).isNotNull();
		assertThat(RasterScaler.of(copy(jpeg, BufferedImage.TYPE_INT_BGR), 341, 256, 224, 224)).as("other layouts").isNull();
	}

	@Test
	void matchesTheJava2dPathOnEveryPhoto() throws Exception {
		for (String name : new String[] { "dog.jpg", "eagle.jpg", "giraffe.jpg", "bird.bmp", "cat.bmp" }) {
			BufferedImage photo = ImageDecoder.decode(Fixtures.imageBytes(name), DecodeBudget.DEFAULT);
			int[] fast = ImageResizer.scaleAndCrop(copy(photo, BufferedImage.TYPE_3BYTE_BGR), 224, 224);
			int[] packed = ImageResizer.scaleAndCrop(copy(photo, BufferedImage.TYPE_INT_RGB), 224, 224);
			// TYPE_INT_BGR is not handled by RasterScaler: this is the Java2D path.
			int[] java2d = ImageResizer.scaleAndCrop(copy(photo, BufferedImage.TYPE_INT_BGR), 224, 224);

			assertThat(packed).as(name + ": both fast layouts").isEqualTo(fast);
			double total = 0;
			int worst = 0;
			for (int i = 0; i < fast.length; i++) {
				for (int shift = 0; shift <= 16; shift += 8) {
					int difference = Math.abs(((fast[i] >> shift) & 0xFF) - ((java2d[i] >> shift) & 0xFF));
					total += difference;
					worst = Math.max(worst, difference);
				}
			}
			assertThat(total / (3.0 * fast.length)).as(name + ": mean difference in levels of 255").isLessThan(0.5);
			assertThat(worst).as(name + ": largest difference").isLessThanOrEqualTo(2);
		}
	}

	private static BufferedImage copy(BufferedImage source, int type) {
		BufferedImage copy = new BufferedImage(source.getWidth(), source.getHeight(), type);
		copy.createGraphics().drawImage(source, 0, 0, null);
		return copy;
	}

}
