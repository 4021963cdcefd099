package com.example.classifier.api.upload;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.example.classifier.common.test.Fixtures;
import com.example.classifier.common.test.ImageBombs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageInspectorTests {

	private final ImageInspector inspector = inspector(40_000_000);

	@Test
	void acceptsARealPhotoAndReadsItsSizeFromTheHeader() {
		ImageInspector.InspectedImage image = this.inspector.inspect(Fixtures.imageBytes("dog.jpg"));
		assertThat(image.format()).isEqualTo(ImageFormat.JPEG);
		assertThat(image.width()).isEqualTo(768);
		assertThat(image.height()).isEqualTo(576);
	}

	@Test
	void acceptsBmpAndPng() {
		assertThat(this.inspector.inspect(Fixtures.imageBytes("cat.bmp")).format()).isEqualTo(ImageFormat.BMP);
		assertThat(this.inspector.inspect(TestImages.png(30, 20)).width()).isEqualTo(30);
	}

	@Test
	void rejectsAnEmptyFile() {
		assertRejected(new byte[0], HttpStatus.BAD_REQUEST, "empty");
	}

	@Test
	void rejectsTextWhateverItIsCalled() {
		assertRejected("hello, I am not a photo".getBytes(StandardCharsets.UTF_8), HttpStatus.BAD_REQUEST,
				"not an image");
		assertRejected("<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8), HttpStatus.BAD_REQUEST,
				"not an image");
	}

	@Test
	void rejectsTruncatedJpegAndPng() {
		assertRejected(TestImages.truncated(Fixtures.imageBytes("dog.jpg")), HttpStatus.UNPROCESSABLE_CONTENT,
				"truncated");
		assertRejected(TestImages.truncated(TestImages.png(64, 64)), HttpStatus.UNPROCESSABLE_CONTENT, "truncated");
	}

	/** Every format the service decodes, declaring 40 000 × 40 000 pixels in a file of 29 to 1 200 bytes. */
	static Stream<Arguments> pixelBombs() {
		return Stream.of(Arguments.of("JPEG", ImageBombs.jpegDeclaring(40_000, 40_000)),
				Arguments.of("PNG", ImageBombs.pngDeclaring(40_000, 40_000)),
				Arguments.of("GIF", ImageBombs.gifDeclaring(40_000, 40_000)),
				Arguments.of("BMP", ImageBombs.bmpDeclaring(40_000, 40_000)),
				Arguments.of("TIFF", ImageBombs.tiffDeclaring(40_000, 40_000)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pixelBombs")
	void rejectsADecompressionBombInEveryAcceptedFormatBeforeDecodingPixels(String format, byte[] bomb) {
		assertRejected(bomb, HttpStatus.UNPROCESSABLE_CONTENT, "The " + format + " image declares 40000 × 40000 pixels");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "JPEG", "PNG", "GIF", "BMP", "TIFF" })
	void acceptsEveryFormatJustAtThePixelLimitAndRejectsItOnePixelWider(String format) {
		ImageInspector small = inspector(600);
		assertThat(small.inspect(declaring(format, 30, 20)).format().name()).isEqualTo(format);
		assertRejected(small, declaring(format, 31, 20), HttpStatus.UNPROCESSABLE_CONTENT, "31 × 20");
	}

	@Test
	void rejectsTheIssuesTiffWhoseStripIsLargerThanTheFile() {
		assertRejected(ImageBombs.tiffStripBomb(), HttpStatus.UNPROCESSABLE_CONTENT,
				"strip of 2147483647 bytes at byte 122, beyond its 131 bytes");
		assertRejected(ImageBombs.tiffTileBomb(), HttpStatus.UNPROCESSABLE_CONTENT, "tiles are 20000 × 20000 pixels");
	}

	@ParameterizedTest(name = "embedding a {0}")
	@ValueSource(strings = { "jpeg", "png" })
	void answersABmpThatEmbedsAJpegOrPngWithUnsupportedMediaType(String format) {
		assertRejected(ImageBombs.bmpEmbedding(format), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"BMP files that embed a " + format.toUpperCase());
	}

	@Test
	void rejectsAJpegWhoseScansWouldTakeTooLongToDecode() {
		assertRejected(ImageBombs.progressiveJpeg(8, 200_000), HttpStatus.UNPROCESSABLE_CONTENT, "200010 scans");
	}

	@Test
	void answersWebpWithUnsupportedMediaType() {
		assertRejected(TestImages.webp(), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "not supported");
	}

	private static ImageInspector inspector(long maxPixels) {
		return new ImageInspector(new UploadProperties(Path.of("unused"), maxPixels), DataSize.ofMegabytes(10));
	}

	private static byte[] declaring(String format, int width, int height) {
		return switch (format) {
			case "JPEG" -> ImageBombs.jpegDeclaring(width, height);
			case "PNG" -> ImageBombs.pngDeclaring(width, height);
			case "GIF" -> ImageBombs.gifDeclaring(width, height);
			case "BMP" -> ImageBombs.bmpDeclaring(width, height);
			default -> ImageBombs.tiffDeclaring(width, height);
		};
	}

	private void assertRejected(byte[] bytes, HttpStatus status, String messagePart) {
		assertRejected(this.inspector, bytes, status, messagePart);
	}

	private static void assertRejected(ImageInspector inspector, byte[] bytes, HttpStatus status, String messagePart) {
		assertThatThrownBy(() -> inspector.inspect(bytes)).isInstanceOfSatisfying(UploadRejectedException.class,
				(ex) -> {
					assertThat(ex.status()).isEqualTo(status);
					assertThat(ex.getMessage()).contains(messagePart);
				});
	}

}
