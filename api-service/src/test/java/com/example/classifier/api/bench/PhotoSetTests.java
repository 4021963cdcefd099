package com.example.classifier.api.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import javax.imageio.ImageIO;

import com.example.classifier.common.test.Fixtures;
import com.example.classifier.common.test.PhonePhotos;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhotoSetTests {

	@Test
	void everyUploadHasItsOwnBytesAndStillDecodesToTheSamePicture() throws IOException {
		PhotoSet set = PhotoSet.of(PhotoSet.Kind.SMALL);
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 3 * PhonePhotos.FIXTURES.size(); i++) {
			assertThat(seen.add(java.util.HexFormat.of().formatHex(sha256(set.next())))).isTrue();
		}
		byte[] dog = Fixtures.imageBytes("dog.jpg");
		BufferedImage original = ImageIO.read(new ByteArrayInputStream(dog));
		BufferedImage marked = ImageIO.read(new ByteArrayInputStream(PhotoSet.unique(dog, "SMALL 300 and a long tail")));
		assertThat(marked.getWidth()).isEqualTo(original.getWidth());
		assertThat(marked.getRGB(100, 100)).isEqualTo(original.getRGB(100, 100));
		assertThat(marked.getRGB(original.getWidth() - 1, original.getHeight() - 1))
			.isEqualTo(original.getRGB(original.getWidth() - 1, original.getHeight() - 1));
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
