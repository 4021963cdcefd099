package com.example.classifier.api.upload;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.example.classifier.common.test.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageInspectorTests {

	private final ImageInspector inspector = new ImageInspector(
			new UploadProperties(Path.of("unused"), 40_000_000));

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

	@Test
	void rejectsADecompressionBombBeforeDecodingPixels() {
		assertRejected(TestImages.pngDeclaring(50_000, 50_000), HttpStatus.UNPROCESSABLE_CONTENT,
				"50000 × 50000");
	}

	@Test
	void acceptsAnImageJustUnderThePixelLimit() {
		ImageInspector small = new ImageInspector(new UploadProperties(Path.of("unused"), 600));
		assertThat(small.inspect(TestImages.png(30, 20)).height()).isEqualTo(20);
		assertThatThrownBy(() -> small.inspect(TestImages.png(31, 20))).isInstanceOf(UploadRejectedException.class);
	}

	@Test
	void answersWebpWithUnsupportedMediaType() {
		assertRejected(TestImages.webp(), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "not supported");
	}

	private void assertRejected(byte[] bytes, HttpStatus status, String messagePart) {
		assertThatThrownBy(() -> this.inspector.inspect(bytes)).isInstanceOfSatisfying(UploadRejectedException.class,
				(ex) -> {
					assertThat(ex.status()).isEqualTo(status);
					assertThat(ex.getMessage()).contains(messagePart);
				});
	}

}
