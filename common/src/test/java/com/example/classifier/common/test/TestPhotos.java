package com.example.classifier.common.test;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Variants of the shared photos made in code, for tests of unusual but valid uploads. */
public final class TestPhotos {

	private TestPhotos() {
	}

	public static BufferedImage read(String sharedImage) {
		try {
			return ImageIO.read(new ByteArrayInputStream(Fixtures.imageBytes(sharedImage)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static byte[] encode(BufferedImage image, String format) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalArgumentException("No ImageIO writer for " + format + " and " + image);
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The image in {@code format} with the writer's {@code compression} type (null = its default), progressive or not
	 * (JPEG).
	 */
	public static byte[] encode(BufferedImage image, String format, String compression, boolean progressive) {
		return encode(image, format, (param) -> {
			if (compression != null) {
				param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				param.setCompressionType(compression);
			}
			if (progressive) {
				param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
			}
		});
	}

	/** The image in {@code format}, written with the writer's default parameters as {@code settings} leaves them. */
	public static byte[] encode(BufferedImage image, String format, Consumer<ImageWriteParam> settings) {
		ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
		try {
			ImageWriteParam param = writer.getDefaultWriteParam();
			settings.accept(param);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
				writer.setOutput(stream);
				writer.write(null, new IIOImage(image, null, null), param);
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

	/** The image turned a quarter counter-clockwise, as a camera held sideways stores it. */
	public static BufferedImage quarterTurnCounterClockwise(BufferedImage image) {
		BufferedImage turned = new BufferedImage(image.getHeight(), image.getWidth(), BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = turned.createGraphics();
		try {
			// (x, y) -> (y, w - x): the top row becomes the left column, read upwards.
			graphics.drawImage(image, new AffineTransform(0, -1, 1, 0, 0, image.getWidth()), null);
		}
		finally {
			graphics.dispose();
		}
		return turned;
	}

	/**
	 * The JPEG with an EXIF APP1 segment, right after its start marker, whose only tag is the orientation (1..8; 6 =
	 * "turn a quarter clockwise to display", what a phone held sideways writes).
	 */
	public static byte[] withExifOrientation(byte[] jpeg, int orientation, boolean bigEndian) {
		if ((jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
			throw new IllegalArgumentException("Not a JPEG");
		}
		ByteBuffer tiff = ByteBuffer.allocate(26)
			.order(bigEndian ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
		tiff.put(bigEndian ? (byte) 'M' : (byte) 'I').put(bigEndian ? (byte) 'M' : (byte) 'I');
		tiff.putShort((short) 42).putInt(8);
		// IFD0: one entry (tag 0x0112 Orientation, type 3 SHORT, count 1, value padded to 4 bytes), no next IFD.
		tiff.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1);
		tiff.putShort((short) orientation).putShort((short) 0).putInt(0);
		byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
		int length = 2 + exif.length + tiff.capacity();
		ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + length + 2);
		out.write(0xFF);
		out.write(0xD8);
		out.write(0xFF);
		out.write(0xE1);
		out.write(length >> 8);
		out.write(length & 0xFF);
		out.writeBytes(exif);
		out.writeBytes(tiff.array());
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

}
