package com.example.classifier.common.test;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageWriteParam;

/**
 * Phone-sized versions of the shared photos, made in code (nothing large is committed): each fixture upscaled bicubic
 * to 4032 × 3024 (a 12 MP phone photo) and stored as a quality-92 JPEG (1–2 MB, as phones write), as a PNG, and as a
 * 2048 × 1536 BMP (9 MB: the largest 4:3 BMP under the 10 MB upload limit). Here, in common's test-jar, so that the
 * model-service's decode tests and the api-service's end-to-end benchmark upload the same photos.
 */
public final class PhonePhotos {

	/** The shared photos they are made from. */
	public static final List<String> FIXTURES = List.of("dog.jpg", "eagle.jpg", "giraffe.jpg", "bird.bmp", "cat.bmp");

	private PhonePhotos() {
	}

	/**
	 * Writes the fixtures and their 12 MP JPEGs into a folder ({@code loadtest/run.sh --phone-photos}): half the uploads
	 * of a load test are then phone-size. {@code java -cp common/target/test-classes:common/target/classes
	 * com.example.classifier.common.test.PhonePhotos <folder>}
	 */
	public static void main(String[] args) throws java.io.IOException {
		java.nio.file.Path folder = java.nio.file.Files.createDirectories(java.nio.file.Path.of(args[0]));
		for (Map.Entry<String, byte[]> photo : all(false).entrySet()) {
			// "dog.jpg 12MP.jpg" -> "dog-12mp.jpg": a file name without spaces, ending as its format.
			String name = photo.getKey().replaceFirst("\\.(jpg|bmp) 12MP\\.jpg$", "-12mp.jpg");
			java.nio.file.Files.write(folder.resolve(name), photo.getValue());
		}
	}

	/** The fixture at 4032 × 3024, bicubic. */
	public static BufferedImage twelveMegapixels(String fixture) {
		return upscale(TestPhotos.read(fixture), 4032, 3024);
	}

	public static BufferedImage upscale(BufferedImage source, int width, int height) {
		BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = target.createGraphics();
		try {
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
			graphics.drawImage(source, 0, 0, width, height, null);
		}
		finally {
			graphics.dispose();
		}
		return target;
	}

	/** The image as a baseline JPEG of the given quality (0.92 for a phone's). */
	public static byte[] jpeg(BufferedImage image, float quality) {
		return TestPhotos.encode(image, "jpeg", (param) -> {
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(quality);
		});
	}

	/**
	 * Name → bytes: the fixtures as they are ("dog.jpg") and, per fixture, its 12 MP JPEG ("dog.jpg 12MP.jpg"),
	 * and with {@code allFormats} its 12 MP PNG and 2048 × 1536 BMP too.
	 */
	public static Map<String, byte[]> all(boolean allFormats) {
		Map<String, byte[]> photos = new LinkedHashMap<>();
		for (String fixture : FIXTURES) {
			photos.put(fixture, Fixtures.imageBytes(fixture));
		}
		for (String fixture : FIXTURES) {
			BufferedImage big = twelveMegapixels(fixture);
			photos.put(fixture + " 12MP.jpg", jpeg(big, 0.92f));
			if (allFormats) {
				photos.put(fixture + " 12MP.png", TestPhotos.encode(big, "png"));
				photos.put(fixture + " 3MP.bmp", TestPhotos.encode(upscale(big, 2048, 1536), "bmp"));
			}
		}
		return photos;
	}

}
