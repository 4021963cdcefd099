package com.example.classifier.common.image;

import java.awt.image.BufferedImage;
import java.util.stream.Stream;

import com.example.classifier.common.image.ImageRefusedException.Reason;
import com.example.classifier.common.test.Fixtures;
import com.example.classifier.common.test.ImageBombs;
import com.example.classifier.common.test.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks both services run before any pixel is decoded, on real photos and on bombs built byte by byte. */
class ImageCheckTests {

	private static final ImageLimits LIMITS = ImageLimits.DEFAULT;

	@ParameterizedTest(name = "dog.jpg as {0}")
	@ValueSource(strings = { "jpg", "png", "gif", "bmp", "tif" })
	void acceptsTheDogInEveryDecodedFormatWithItsSizeAndDecodedBytes(String format) throws Exception {
		BufferedImage dog = TestPhotos.read("dog.jpg");
		CheckedImage image = ImageCheck.check(TestPhotos.encode(dog, format), LIMITS);

		assertThat(image.width()).isEqualTo(768);
		assertThat(image.height()).isEqualTo(576);
		assertThat(image.decodedBytes()).isBetween(768L * 576, 4L * 768 * 576);
	}

	@Test
	void acceptsTheSharedPhotosAsUploaded() throws Exception {
		for (String photo : new String[] { "dog.jpg", "eagle.jpg", "giraffe.jpg", "bird.bmp", "cat.bmp" }) {
			assertThat(ImageCheck.check(Fixtures.imageBytes(photo), LIMITS).width()).as(photo).isPositive();
		}
	}

	@Test
	void refusesTheIssuesTiffWhoseStripIsLargerThanTheFile() {
		byte[] bomb = ImageBombs.tiffStripBomb();

		assertThat(bomb).hasSize(131);
		assertRefused(bomb, Reason.DAMAGED, "strip of 2147483647 bytes at byte 122, beyond its 131 bytes");
	}

	@Test
	void refusesATiffWhoseTilesAreLargerThanThePixelLimit() {
		assertRefused(ImageBombs.tiffTileBomb(), Reason.TOO_LARGE, "tiles are 20000 × 20000 pixels");
	}

	@ParameterizedTest(name = "embedded {0}")
	@ValueSource(strings = { "jpeg", "png" })
	void refusesABmpThatEmbedsAJpegOrPngAsUnsupported(String format) {
		assertRefused(ImageBombs.bmpEmbedding(format), Reason.UNSUPPORTED, "embed a " + format.toUpperCase());
	}

	/** 40 000 × 40 000: the largest square whose sample model the JDK's BMP reader still creates in its header. */
	static Stream<Arguments> pixelBombs() {
		return Stream.of(Arguments.of("JPEG", ImageBombs.jpegDeclaring(40_000, 40_000)),
				Arguments.of("PNG", ImageBombs.pngDeclaring(40_000, 40_000)),
				Arguments.of("GIF", ImageBombs.gifDeclaring(40_000, 40_000)),
				Arguments.of("BMP", ImageBombs.bmpDeclaring(40_000, 40_000)),
				Arguments.of("TIFF", ImageBombs.tiffDeclaring(40_000, 40_000)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pixelBombs")
	void refusesAPixelBombInEveryDecodedFormatFromItsHeader(String format, byte[] bomb) {
		assertRefused(bomb, Reason.TOO_LARGE, "The " + format + " image declares 40000 × 40000 pixels");
	}

	@Test
	void acceptsEveryFormatJustAtThePixelLimitAndRefusesItOnePixelOver() throws Exception {
		ImageLimits limits = new ImageLimits(1 << 20, 600);
		for (byte[] image : new byte[][] { ImageBombs.gifDeclaring(30, 20), ImageBombs.tiffDeclaring(30, 20),
				ImageBombs.pngDeclaring(30, 20), ImageBombs.jpegDeclaring(30, 20), ImageBombs.bmpDeclaring(30, 20) }) {
			assertThat(ImageCheck.check(image, limits).height()).isEqualTo(20);
		}
		assertThatThrownBy(() -> ImageCheck.check(ImageBombs.gifDeclaring(31, 20), limits))
			.isInstanceOf(ImageRefusedException.class);
	}

	@Test
	void refusesAJpegWhoseScansWouldTakeTooLongAndAcceptsAnOrdinaryProgressiveOne() throws Exception {
		// 8 × 8 pixels, 200 000 scans of a dozen bytes: 2.4 MB that the reader would convert 200 000 times.
		assertRefused(ImageBombs.progressiveJpeg(8, 200_000), Reason.TOO_LARGE, "200010 scans");
		assertThat(ImageCheck.check(ImageBombs.progressiveJpeg(64, 0), LIMITS).width()).isEqualTo(64);
	}

	@Test
	void refusesAFileLargerThanTheByteLimit() {
		ImageLimits limits = new ImageLimits(1000, 40_000_000);
		assertRefused(Fixtures.imageBytes("dog.jpg"), limits, Reason.TOO_LARGE, "at most 1000 are accepted");
	}

	@Test
	void refusesWebpAsUnsupportedAndTextAsNotAnImage() {
		byte[] webp = new byte[64];
		System.arraycopy("RIFF\0\0\0\0WEBPVP8 ".getBytes(), 0, webp, 0, 16);
		assertRefused(webp, Reason.UNSUPPORTED, "WEBP images are not supported");
		assertRefused("hello".getBytes(), Reason.NOT_AN_IMAGE, "not an image");
		assertRefused(new byte[0], Reason.EMPTY, "empty");
	}

	private static void assertRefused(byte[] bytes, Reason reason, String messagePart) {
		assertRefused(bytes, LIMITS, reason, messagePart);
	}

	private static void assertRefused(byte[] bytes, ImageLimits limits, Reason reason, String messagePart) {
		assertThatThrownBy(() -> ImageCheck.check(bytes, limits)).isInstanceOfSatisfying(ImageRefusedException.class,
				(ex) -> {
					assertThat(ex.getMessage()).contains(messagePart);
					assertThat(ex.reason()).isEqualTo(reason);
				});
	}

}
