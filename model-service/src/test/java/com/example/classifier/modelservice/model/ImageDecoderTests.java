package com.example.classifier.modelservice.model;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import javax.imageio.ImageIO;

import com.example.classifier.common.JpegProfiles;
import com.example.classifier.common.test.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Photos are decoded as stored, as the models' training loaders decode them: embedded colour profiles left out. */
class ImageDecoderTests {

	@Test
	void decodesTheStoredValuesNotProfileConvertedOnes() throws Exception {
		byte[] photo = Fixtures.imageBytes("dog.jpg");
		BufferedImage asStored = ImageIO.read(new ByteArrayInputStream(JpegProfiles.withoutIccProfile(photo)));
		BufferedImage converted = ImageIO.read(new ByteArrayInputStream(photo));

		BufferedImage decoded = ImageDecoder.decode(photo);

		assertThat(pixels(decoded)).isEqualTo(pixels(asStored));
		// The shared photos' profiles describe sRGB, so converting through them changed colours by rounding at most.
		assertThat(largestChannelDifference(pixels(converted), pixels(asStored))).isLessThanOrEqualTo(2);
	}

	private static int[] pixels(BufferedImage image) {
		return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
	}

	private static int largestChannelDifference(int[] a, int[] b) {
		int largest = 0;
		for (int i = 0; i < a.length; i++) {
			for (int shift = 0; shift <= 16; shift += 8) {
				largest = Math.max(largest, Math.abs(((a[i] >> shift) & 0xFF) - ((b[i] >> shift) & 0xFF)));
			}
		}
		return largest;
	}

}
