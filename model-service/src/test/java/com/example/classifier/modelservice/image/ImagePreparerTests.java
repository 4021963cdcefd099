package com.example.classifier.modelservice.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.ImageIO;


import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/** Decode, resize and crop with TF preprocessing, whose output maps back to 8-bit levels simply. */
class ImagePreparerTests {

	private final ImagePreparer nchw = new ImagePreparer(new ModelInput(224, 224, 3, TensorLayout.NCHW),
			Preprocessing.TF);

	private final ImagePreparer nhwc = new ImagePreparer(new ModelInput(224, 224, 3, TensorLayout.NHWC),
			Preprocessing.TF);

	@Test
	void rejectsBytesThatAreNoImage() {
		assertThatExceptionOfType(UnreadableImageException.class)
			.isThrownBy(() -> this.nchw.prepare("just some text, not a picture".getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("not an image")
			.withMessageContaining("JPEG");
		assertThatExceptionOfType(UnreadableImageException.class).isThrownBy(() -> this.nchw.prepare(new byte[0]))
			.withMessageContaining("empty");
	}

	@Test
	void rejectsATruncatedJpeg() throws IOException {
		byte[] jpeg = encode(noise(640, 480), "jpg");
		assertThatExceptionOfType(UnreadableImageException.class)
			.isThrownBy(() -> this.nchw.prepare(Arrays.copyOf(jpeg, jpeg.length * 6 / 10)))
			.withMessageContaining("truncated");
		assertThatExceptionOfType(UnreadableImageException.class)
			.isThrownBy(() -> this.nchw.prepare(Arrays.copyOf(jpeg, 200)));
	}

	@Test
	void acceptsGrayscale() throws Exception {
		BufferedImage gray = new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY);
		fill(gray, new Color(200, 200, 200));
		float[] pixels = this.nchw.prepare(encode(gray, "png")).pixels();
		assertThat(pixels).hasSize(3 * 224 * 224);
		assertAll(pixels, 200 / 127.5f - 1);
	}

	@Test
	void acceptsPngWithAlphaOnWhite() throws Exception {
		BufferedImage transparent = new BufferedImage(256, 256, BufferedImage.TYPE_INT_ARGB);
		float[] pixels = this.nchw.prepare(encode(transparent, "png")).pixels();
		assertAll(pixels, 1f);
	}

	@Test
	void keepsTheCentreOfAWideImage() throws Exception {
		// Red | green | blue quarters-half-quarter: the centre crop (source x 126..322 of 448) sees only green.
		BufferedImage wide = new BufferedImage(448, 224, BufferedImage.TYPE_3BYTE_BGR);
		Graphics2D graphics = wide.createGraphics();
		graphics.setColor(Color.RED);
		graphics.fillRect(0, 0, 112, 224);
		graphics.setColor(Color.GREEN);
		graphics.fillRect(112, 0, 224, 224);
		graphics.setColor(Color.BLUE);
		graphics.fillRect(336, 0, 112, 224);
		graphics.dispose();
		float[] pixels = this.nhwc.prepare(encode(wide, "png")).pixels();
		for (int i = 0; i < pixels.length; i += 3) {
			assertThat(pixels[i]).as("red at %d", i / 3).isEqualTo(-1f);
			assertThat(pixels[i + 1]).as("green at %d", i / 3).isEqualTo(1f);
			assertThat(pixels[i + 2]).as("blue at %d", i / 3).isEqualTo(-1f);
		}
	}

	@Test
	void averagesFineDetailWhenShrinkingALot() throws Exception {
		// A one-pixel checkerboard shrunk ~7x must come out mid-grey; plain bilinear would alias into black,
		// white or moire.
		BufferedImage checkerboard = new BufferedImage(1800, 1600, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 1600; y++) {
			for (int x = 0; x < 1800; x++) {
				checkerboard.setRGB(x, y, ((x + y) % 2 == 0) ? 0xFFFFFF : 0);
			}
		}
		float[] pixels = this.nchw.prepare(encode(checkerboard, "png")).pixels();
		for (float value : pixels) {
			assertThat(value).isCloseTo(0f, within(0.05f));
		}
	}

	private static void assertAll(float[] pixels, float expected) {
		for (float value : pixels) {
			assertThat(value).isCloseTo(expected, within(1e-6f));
		}
	}

	private static BufferedImage noise(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(42);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, random.nextInt(0x1000000));
			}
		}
		return image;
	}

	private static void fill(BufferedImage image, Color color) {
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(color);
		graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
		graphics.dispose();
	}

	private static byte[] encode(BufferedImage image, String format) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(ImageIO.write(image, format, out)).isTrue();
		return out.toByteArray();
	}

}
