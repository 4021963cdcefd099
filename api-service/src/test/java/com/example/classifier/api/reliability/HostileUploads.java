package com.example.classifier.api.reliability;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import com.example.classifier.api.upload.TestImages;
import com.example.classifier.common.test.ImageBombs;
import com.example.classifier.common.test.TestPhotos;

/**
 * The corpus of broken, hostile and unusual uploads, all made in code: what each one is, its bytes and name, and
 * what the service must answer. {@code expectedClasses} lists acceptable top classes for uploads that must be
 * classified (empty for uploads that must be refused).
 */
final class HostileUploads {

	/** ImageNet's dog breeds: a grey or palette-reduced malamute may come out as a husky. */
	static final int[] DOGS = java.util.stream.IntStream.rangeClosed(151, 268).toArray();

	static final int MALAMUTE = 249;

	private HostileUploads() {
	}

	/** One upload and the answer it must get. */
	record Upload(String description, String filename, byte[] bytes, int status, String detailFragment,
			int[] expectedClasses) {

		static Upload refused(String description, String filename, byte[] bytes, int status, String fragment) {
			return new Upload(description, filename, bytes, status, fragment, new int[0]);
		}

		static Upload classified(String description, String filename, byte[] bytes, int... classes) {
			return new Upload(description, filename, bytes, 200, null, classes);
		}

		@Override
		public String toString() {
			return this.description;
		}

	}

	/** The uploads built to stop a decoder: sizes declared in a header that the bytes do not back. */
	static List<Upload> bombs() {
		List<Upload> uploads = new ArrayList<>();
		uploads.add(Upload.refused("PNG declaring 50000 x 50000", "bomb.png", ImageBombs.pngDeclaring(50_000, 50_000),
				422, "pixels"));
		uploads.add(Upload.refused("JPEG declaring 50000 x 50000", "bomb.jpg",
				ImageBombs.jpegDeclaring(50_000, 50_000), 422, "pixels"));
		// Run-length encoded: only the header's size can tell (an uncompressed one is refused by the JDK's reader,
		// which checks the pixels against the bytes present).
		uploads.add(Upload.refused("run-length encoded BMP declaring 50000 x 50000", "bomb.bmp",
				ImageBombs.bmpDeclaring(50_000, 50_000), 422, "BMP"));
		uploads.add(Upload.refused("the issue's 131-byte TIFF declaring a strip of 0x7FFFFFFF bytes", "bomb.tif",
				ImageBombs.tiffStripBomb(), 422, "strip of 2147483647 bytes"));
		uploads.add(Upload.refused("1 x 1 TIFF in 20000 x 20000 tiles", "tiles.tif", ImageBombs.tiffTileBomb(), 422,
				"tiles are 20000 × 20000 pixels"));
		uploads.add(Upload.refused("BMP embedding a JPEG (BI_JPEG), biSizeImage 0x7FFFFFFF", "embedded.bmp",
				ImageBombs.bmpEmbedding("jpeg"), 415, "BMP files that embed a JPEG"));
		uploads.add(Upload.refused("BMP embedding a PNG (BI_PNG), biSizeImage 0x7FFFFFFF", "embedded-png.bmp",
				ImageBombs.bmpEmbedding("png"), 415, "BMP files that embed a PNG"));
		uploads.add(Upload.refused("GIF declaring 40000 x 40000", "bomb.gif", ImageBombs.gifDeclaring(40_000, 40_000),
				422, "pixels"));
		uploads.add(Upload.refused("TIFF declaring 40000 x 40000", "big.tif", ImageBombs.tiffDeclaring(40_000, 40_000),
				422, "pixels"));
		uploads.add(Upload.refused("JPEG of 200 000 progressive scans of 8 x 8 pixels", "scans.jpg",
				ImageBombs.progressiveJpeg(8, 200_000), 422, "scans"));
		return uploads;
	}

	static List<Upload> corpus() {
		BufferedImage dog = TestPhotos.read("dog.jpg");
		List<Upload> uploads = new ArrayList<>();
		uploads.add(Upload.refused("empty file", "empty.jpg", new byte[0], 400, "empty"));
		uploads.add(Upload.refused("plain text named .jpg", "notes.jpg",
				"just some text, certainly not a photo\n".getBytes(StandardCharsets.UTF_8), 400, "not an image"));
		uploads.add(Upload.refused("HTML with a script named .jpg", "page.jpg",
				"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
					.getBytes(StandardCharsets.UTF_8),
				400, "not an image"));
		uploads.add(Upload.refused("SVG named .png", "vector.png",
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"50000\" height=\"50000\"/>"
					.getBytes(StandardCharsets.UTF_8),
				400, "not an image"));
		uploads.add(Upload.refused("PDF named .jpg", "scan.jpg", pdf(), 400, "not an image"));
		uploads.add(Upload.refused("ZIP named .jpg", "archive.jpg", zip(), 400, "not an image"));
		uploads.add(Upload.refused("random bytes", "noise.jpg", noise(4096), 400, "not an image"));
		uploads.add(Upload.refused("truncated JPEG", "half.jpg", TestImages.truncated(TestPhotos.encode(dog, "jpg")),
				422, "truncated"));
		uploads.add(Upload.refused("truncated PNG", "half.png", TestImages.truncated(TestPhotos.encode(dog, "png")),
				422, "truncated"));
		uploads.add(Upload.refused("truncated animated GIF", "half.gif", TestImages.truncated(animatedGif(dog)), 422,
				"truncated"));
		uploads.addAll(bombs());
		uploads.add(Upload.refused("PNG declaring 0 x 0", "zero.png", ImageBombs.pngDeclaring(0, 0), 422, "PNG"));
		uploads.add(Upload.refused("JPEG markers around garbage", "garbage.jpg", jpegShell(), 422, "JPEG"));
		uploads.add(Upload.refused("GIF header on an HTML payload", "polyglot.gif",
				"GIF89a<script>alert(1)</script>;".getBytes(StandardCharsets.US_ASCII), 422, "GIF"));
		uploads.add(Upload.refused("PNG with scrambled pixel data", "scrambled.png", scrambledPng(dog), 422,
				"could not be classified"));
		uploads.add(Upload.refused("WebP", "photo.webp", TestImages.webp(), 415, "not supported"));
		uploads.add(Upload.classified("CMYK JPEG (Adobe-style inverted ink values)", "print.jpg", cmykJpeg(dog),
				MALAMUTE));
		uploads.add(Upload.classified("16-bit-per-channel PNG", "deep.png", sixteenBitPng(dog), MALAMUTE));
		uploads.add(Upload.classified("grayscale JPEG", "grey.jpg", TestPhotos.encode(grey(dog), "jpg"), DOGS));
		uploads.add(Upload.classified("animated GIF: first frame a dog, second an eagle", "anim.gif", animatedGif(dog),
				DOGS));
		uploads.add(Upload.classified("sideways JPEG with EXIF orientation 6", "phone.jpg",
				TestPhotos.withExifOrientation(TestPhotos.encode(TestPhotos.quarterTurnCounterClockwise(dog), "jpg"), 6,
						false),
				MALAMUTE));
		uploads.add(Upload.classified("1 x 1 pixel PNG", "dot.png", TestImages.png(1, 1)));
		return uploads;
	}

	static byte[] pdf() {
		return ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >>"
				+ " endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	static byte[] zip() {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try (ZipOutputStream zip = new ZipOutputStream(out)) {
				zip.putNextEntry(new ZipEntry("dog.jpg"));
				zip.write(TestImages.jpeg(16, 16));
				zip.closeEntry();
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] noise(int size) {
		byte[] bytes = new byte[size];
		new Random(42).nextBytes(bytes);
		// No format starts with a zero byte, so the noise can never pass for one by chance.
		bytes[0] = 0;
		return bytes;
	}

	/** JPEG start and end markers around noise. */
	static byte[] jpegShell() {
		byte[] bytes = noise(2048);
		bytes[0] = (byte) 0xFF;
		bytes[1] = (byte) 0xD8;
		bytes[2] = (byte) 0xFF;
		bytes[bytes.length - 2] = (byte) 0xFF;
		bytes[bytes.length - 1] = (byte) 0xD9;
		return bytes;
	}

	/** A PNG with an intact header and end, whose compressed pixel data is overwritten in the middle. */
	static byte[] scrambledPng(BufferedImage image) {
		byte[] png = TestPhotos.encode(image, "png");
		int from = png.length / 4;
		Arrays.fill(png, from, from + png.length / 2, (byte) 0xFF);
		return png;
	}

	static BufferedImage grey(BufferedImage image) {
		BufferedImage grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
		grey.getGraphics().drawImage(image, 0, 0, null);
		return grey;
	}

	/** The photo at 16 bits per channel (TYPE_CUSTOM: the JDK has no 16-bit RGB image type). */
	static byte[] sixteenBitPng(BufferedImage image) {
		ComponentColorModel model = new ComponentColorModel(
				java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB), false, false,
				java.awt.Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
		WritableRaster raster = model.createCompatibleWritableRaster(image.getWidth(), image.getHeight());
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				int rgb = image.getRGB(x, y);
				raster.setPixel(x, y, new int[] { ((rgb >> 16) & 0xFF) * 257, ((rgb >> 8) & 0xFF) * 257,
						(rgb & 0xFF) * 257 });
			}
		}
		return TestPhotos.encode(new BufferedImage(model, raster, false, null), "png");
	}

	/**
	 * The photo as a CMYK JPEG with inverted ink values, as Photoshop writes them (and as the JDK's reader expects).
	 */
	static byte[] cmykJpeg(BufferedImage image) {
		WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, image.getWidth(),
				image.getHeight(), 4, null);
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				int rgb = image.getRGB(x, y);
				int r = (rgb >> 16) & 0xFF;
				int g = (rgb >> 8) & 0xFF;
				int b = rgb & 0xFF;
				int k = 255 - Math.max(r, Math.max(g, b));
				cmyk.setPixel(x, y, new int[] { 255 - (255 - r - k), 255 - (255 - g - k), 255 - (255 - b - k),
						255 - k });
			}
		}
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
				writer.setOutput(stream);
				writer.write(null, new IIOImage(cmyk, null, null), null);
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
	}

	/** Two frames, 100 ms each, looping: the photo first, then the eagle. */
	static byte[] animatedGif(BufferedImage first) {
		BufferedImage second = TestPhotos.read("eagle.jpg");
		ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
				writer.setOutput(stream);
				writer.prepareWriteSequence(null);
				for (BufferedImage frame : List.of(rgb(first), rgb(second))) {
					IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame),
							null);
					String format = metadata.getNativeMetadataFormatName();
					IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
					IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
					control.setAttribute("disposalMethod", "none");
					control.setAttribute("userInputFlag", "FALSE");
					control.setAttribute("transparentColorFlag", "FALSE");
					control.setAttribute("delayTime", "10");
					control.setAttribute("transparentColorIndex", "0");
					root.appendChild(control);
					metadata.setFromTree(format, root);
					writer.writeToSequence(new IIOImage(frame, null, metadata), null);
				}
				writer.endWriteSequence();
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
	}

	private static BufferedImage rgb(BufferedImage image) {
		BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
		rgb.getGraphics().drawImage(image, 0, 0, null);
		return rgb;
	}

}
