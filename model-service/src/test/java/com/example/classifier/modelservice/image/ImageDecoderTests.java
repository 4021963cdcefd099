package com.example.classifier.modelservice.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;

import javax.imageio.ImageIO;

import com.example.classifier.common.JpegProfiles;
import com.example.classifier.common.test.Fixtures;
import com.example.classifier.common.test.TestPhotos;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Photos are decoded as stored, as the models' training loaders decode them (embedded colour profiles left out), and
 * within their time.
 */
class ImageDecoderTests {

	@Test
	void aDecodeOverItsTimeIsStoppedBetweenRowsAndRefused() throws Exception {
		// 2400 × 1800 in 10 progressive scans: the JDK's reader delivers the whole image after each scan.
		byte[] jpeg = TestPhotos.encode(pattern(2400, 1800), "jpeg", null, true);
		long started = System.nanoTime();
		ImageDecoder.decode(jpeg, DecodeBudget.DEFAULT);
		long whole = System.nanoTime() - started;
		DecodeBudget oneMillisecond = new DecodeBudget(DecodeBudget.DEFAULT.maxBytes(),
				DecodeBudget.DEFAULT.maxPixels(), Duration.ofMillis(1));

		started = System.nanoTime();
		assertThatExceptionOfType(UnreadableImageException.class)
			.isThrownBy(() -> ImageDecoder.decode(jpeg, oneMillisecond))
			.withMessage("Decoding the 2400 × 1800 JPEG image took longer than the 1 ms allowed");
		long stopped = System.nanoTime() - started;

		assertThat(stopped).as("ns to the refusal, against %d ns for the whole decode", whole).isLessThan(whole / 2);
	}

	@Test
	void decodesTheStoredValuesNotProfileConvertedOnes() throws Exception {
		byte[] photo = Fixtures.imageBytes("dog.jpg");
		BufferedImage asStored = ImageIO.read(new ByteArrayInputStream(JpegProfiles.withoutIccProfile(photo)));
		BufferedImage converted = ImageIO.read(new ByteArrayInputStream(photo));

		BufferedImage decoded = ImageDecoder.decode(photo, DecodeBudget.DEFAULT);

		assertThat(pixels(decoded)).isEqualTo(pixels(asStored));
		// The shared photos' profiles describe sRGB, so converting through them changed colours by rounding at most.
		assertThat(largestChannelDifference(pixels(converted), pixels(asStored))).isLessThanOrEqualTo(2);
	}

	private static BufferedImage pattern(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, (x * 7 ^ y * 13) * 0x010101 & 0xFFFFFF);
			}
		}
		return image;
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
