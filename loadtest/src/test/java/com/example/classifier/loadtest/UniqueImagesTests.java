package com.example.classifier.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UniqueImagesTests {

	@TempDir
	Path folder;

	@Test
	void everyUploadIsANewFileThatStillDecodesToTheSamePicture() throws IOException {
		BufferedImage picture = picture();
		for (String format : new String[] { "jpg", "png", "bmp" }) {
			Files.write(this.folder.resolve("photo." + format), encode(picture, format));
		}
		Files.writeString(this.folder.resolve("README.md"), "not a photo");
		UniqueImages images = UniqueImages.fromFolder(this.folder, true);
		assertThat(images.size()).isEqualTo(3);

		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 30; i++) {
			UniqueImages.Photo photo = images.next();
			assertThat(seen.add(java.util.Arrays.toString(photo.bytes()))).as("upload %d is new", i).isTrue();
			BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(photo.bytes()));
			assertThat(decoded).as(photo.name()).isNotNull();
			assertThat(decoded.getWidth()).isEqualTo(picture.getWidth());
			if (!photo.name().endsWith(".jpg")) {
				// Lossless formats: at most the lowest bit of a channel changed.
				int a = picture.getRGB(3, 3) & 0xFF;
				int b = decoded.getRGB(3, 3) & 0xFF;
				assertThat(Math.abs(a - b)).isLessThanOrEqualTo(1);
			}
		}
	}

	@Test
	void jpegKeepsItsPixelsExactlyAndItsEndMarker() throws IOException {
		byte[] jpeg = encode(picture(), "jpg");
		byte[] changed = UniqueImages.jpegWithComment(jpeg, "loadtest 1");
		assertThat(changed).hasSize(jpeg.length + 4 + "loadtest 1".length());
		assertThat(changed[changed.length - 1] & 0xFF).isEqualTo(0xD9);
		BufferedImage a = ImageIO.read(new ByteArrayInputStream(jpeg));
		BufferedImage b = ImageIO.read(new ByteArrayInputStream(changed));
		for (int y = 0; y < a.getHeight(); y++) {
			for (int x = 0; x < a.getWidth(); x++) {
				assertThat(b.getRGB(x, y)).isEqualTo(a.getRGB(x, y));
			}
		}
	}

	@Test
	void theCacheTestSendsThePhotosUnchanged() throws IOException {
		byte[] jpeg = encode(picture(), "jpg");
		Files.write(this.folder.resolve("a.jpg"), jpeg);
		UniqueImages images = UniqueImages.fromFolder(this.folder, false);
		assertThat(images.next().bytes()).isEqualTo(jpeg);
		assertThat(images.next().bytes()).isEqualTo(jpeg);
	}

	private static BufferedImage picture() {
		BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 24; y++) {
			for (int x = 0; x < 32; x++) {
				image.setRGB(x, y, (x * 8) << 16 | (y * 10) << 8 | 128);
			}
		}
		return image;
	}

	private static byte[] encode(BufferedImage image, String format) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, format, out);
		return out.toByteArray();
	}

}
