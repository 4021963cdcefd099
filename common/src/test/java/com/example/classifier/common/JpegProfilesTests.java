package com.example.classifier.common;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.example.classifier.common.test.Fixtures;
import com.example.classifier.common.test.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Embedded RGB colour profiles are cut out of JPEGs, and nothing else is touched. */
class JpegProfilesTests {

	@ParameterizedTest
	@ValueSource(strings = { "dog.jpg", "eagle.jpg", "giraffe.jpg" })
	void dropsOnlyTheProfileOfAPhoto(String name) {
		byte[] photo = Fixtures.imageBytes(name);
		assertThat(contains(photo, "ICC_PROFILE")).as("the shared photo carries a profile").isTrue();

		byte[] stripped = JpegProfiles.withoutIccProfile(photo);

		assertThat(contains(stripped, "ICC_PROFILE")).isFalse();
		assertThat(stripped.length).isLessThan(photo.length);
		assertThat(contains(stripped, "Exif")).as("EXIF kept").isEqualTo(contains(photo, "Exif"));
		int scan = indexOf(photo, new byte[] { (byte) 0xFF, (byte) 0xDA });
		assertThat(Arrays.copyOfRange(stripped, stripped.length - (photo.length - scan), stripped.length))
			.as("tables and scan data unchanged")
			.isEqualTo(Arrays.copyOfRange(photo, scan, photo.length));
	}

	@Test
	void leavesEverythingElseAlone() throws IOException {
		byte[] plainJpeg = TestPhotos.encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "jpg");
		byte[] png = TestPhotos.encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png");
		assertThat(JpegProfiles.withoutIccProfile(plainJpeg)).isSameAs(plainJpeg);
		assertThat(JpegProfiles.withoutIccProfile(png)).isSameAs(png);
		assertThat(JpegProfiles.withoutIccProfile(new byte[0])).isEmpty();
		byte[] photo = Fixtures.imageBytes("dog.jpg");
		int profile = indexOf(photo, "ICC_PROFILE".getBytes(StandardCharsets.ISO_8859_1));
		byte[] cutInsideTheProfile = Arrays.copyOf(photo, profile + 100);
		assertThat(JpegProfiles.withoutIccProfile(cutInsideTheProfile)).as("headers that do not parse")
			.isSameAs(cutInsideTheProfile);
	}

	@Test
	void dropsAnRgbProfileButKeepsAGreyOrCmykOne() {
		byte[] plain = TestPhotos.encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "jpg");

		assertThat(JpegProfiles.withoutIccProfile(withProfile(plain, "RGB "))).isEqualTo(plain);
		byte[] grey = withProfile(plain, "GRAY");
		assertThat(JpegProfiles.withoutIccProfile(grey)).isSameAs(grey);
		byte[] cmyk = withProfile(plain, "CMYK");
		assertThat(JpegProfiles.withoutIccProfile(cmyk)).isSameAs(cmyk);
	}

	/** The JPEG with an APP2 ICC segment right after SOI holding a 128-byte profile header of that colour space. */
	private static byte[] withProfile(byte[] jpeg, String colourSpace) {
		byte[] profile = new byte[128];
		System.arraycopy(colourSpace.getBytes(StandardCharsets.ISO_8859_1), 0, profile, 16, 4);
		byte[] id = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
		int length = 2 + id.length + 2 + profile.length;
		byte[] segment = new byte[2 + length];
		segment[0] = (byte) 0xFF;
		segment[1] = (byte) 0xE2;
		segment[2] = (byte) (length >> 8);
		segment[3] = (byte) length;
		System.arraycopy(id, 0, segment, 4, id.length);
		segment[4 + id.length] = 1;
		segment[5 + id.length] = 1;
		System.arraycopy(profile, 0, segment, 6 + id.length, profile.length);
		byte[] result = new byte[jpeg.length + segment.length];
		System.arraycopy(jpeg, 0, result, 0, 2);
		System.arraycopy(segment, 0, result, 2, segment.length);
		System.arraycopy(jpeg, 2, result, 2 + segment.length, jpeg.length - 2);
		return result;
	}

	private static boolean contains(byte[] bytes, String text) {
		return indexOf(bytes, text.getBytes(StandardCharsets.ISO_8859_1)) >= 0;
	}

	private static int indexOf(byte[] bytes, byte[] part) {
		for (int i = 0; i + part.length <= bytes.length; i++) {
			if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
				return i;
			}
		}
		return -1;
	}

}
