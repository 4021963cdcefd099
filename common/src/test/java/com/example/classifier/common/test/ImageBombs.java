package com.example.classifier.common.test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Hostile images built byte by byte, each small enough to upload and each one that once stopped, or would stop, a
 * decoder: declared sizes the bytes do not back. Shared by the inspection, decoder, worker and api tests.
 */
public final class ImageBombs {

	/** The count that made the JDK's TIFF and BMP readers ask for an array larger than the VM allows. */
	public static final int HUGE = 0x7FFFFFFF;

	private ImageBombs() {
	}

	/**
	 * The TIFF, 131 bytes: little-endian header (8 bytes), one directory of 9 entries (2 + 108 + 4 bytes:
	 * 1 × 1 pixel, 8-bit grey, Deflate, one strip at byte 122 declaring {@code StripByteCounts = 0x7FFFFFFF}), then the
	 * 9-byte zlib stream of the one black pixel. The JDK's reader allocated the declared count: {@code OutOfMemoryError:
	 * Requested array size exceeds VM limit}.
	 */
	public static byte[] tiffStripBomb() {
		return tiff(new int[][] { { 256, 1 }, { 257, 1 }, { 258, 8 }, { 259, 8 }, { 262, 1 }, { 273, -1 }, { 277, 1 },
				{ 278, 1 }, { 279, HUGE } }, ZLIB_BLACK_PIXEL);
	}

	/** A 1 × 1 TIFF in one 20000 × 20000 tile (9 bytes of Deflate): the reader allocates the tile, 400 MB. */
	public static byte[] tiffTileBomb() {
		return tiff(new int[][] { { 256, 1 }, { 257, 1 }, { 258, 8 }, { 259, 8 }, { 262, 1 }, { 277, 1 },
				{ 322, 20_000 }, { 323, 20_000 }, { 324, -1 }, { 325, ZLIB_BLACK_PIXEL.length } }, ZLIB_BLACK_PIXEL);
	}

	/** An uncompressed 8-bit grey TIFF declaring {@code width × height} with a 16-byte strip. */
	public static byte[] tiffDeclaring(int width, int height) {
		return tiff(new int[][] { { 256, width }, { 257, height }, { 258, 8 }, { 259, 1 }, { 262, 1 }, { 273, -1 },
				{ 277, 1 }, { 278, height }, { 279, 16 } }, new byte[16]);
	}

	/**
	 * A 1 × 1 BMP (54-byte header) whose pixels are the given JPEG or PNG ({@code BI_JPEG} = 4, {@code BI_PNG} = 5),
	 * declaring {@code biSizeImage = 0x7FFFFFFF}: the JDK's reader allocates that many bytes for the embedded image,
	 * even over a stream that knows its length.
	 */
	public static byte[] bmpEmbedding(String format) {
		boolean jpeg = format.equals("jpeg");
		byte[] embedded = TestPhotos.encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), jpeg ? "jpg" : "png");
		ByteBuffer bmp = ByteBuffer.allocate(54 + embedded.length).order(ByteOrder.LITTLE_ENDIAN);
		bmp.put((byte) 'B').put((byte) 'M').putInt(54 + embedded.length).putInt(0).putInt(54);
		bmp.putInt(40).putInt(1).putInt(1).putShort((short) 1).putShort((short) 0).putInt(jpeg ? 4 : 5).putInt(HUGE);
		bmp.putInt(2835).putInt(2835).putInt(0).putInt(0);
		return bmp.put(embedded).array();
	}

	/**
	 * An 8-bit run-length encoded BMP (54-byte header, 2-colour palette) declaring {@code width × height}, whose pixel
	 * data is only the 2-byte end-of-bitmap code: 64 bytes. Uncompressed, the JDK's reader checks the size against the
	 * bytes present itself; run-length encoded, it cannot.
	 */
	public static byte[] bmpDeclaring(int width, int height) {
		ByteBuffer bmp = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
		bmp.put((byte) 'B').put((byte) 'M').putInt(64).putInt(0).putInt(62);
		bmp.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 8).putInt(1).putInt(2);
		bmp.putInt(2835).putInt(2835).putInt(2).putInt(0);
		bmp.putInt(0).putInt(0xFFFFFF);
		return bmp.put((byte) 0).put((byte) 1).array();
	}

	/** A well-formed PNG header declaring {@code width × height} RGB pixels, with an 8-byte IDAT. */
	public static byte[] pngDeclaring(int width, int height) {
		ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
			.put((byte) 0).put((byte) 0).put((byte) 0);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A });
		pngChunk(out, "IHDR", ihdr.array());
		pngChunk(out, "IDAT", new byte[] { 0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 });
		pngChunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	/** A real 64 × 64 JPEG whose frame header (SOF0) is patched to declare {@code width × height}. */
	public static byte[] jpegDeclaring(int width, int height) {
		byte[] jpeg = TestPhotos.encode(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "jpg");
		for (int i = 2; i < jpeg.length - 9; i++) {
			if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
				// SOF0: FF C0, length (2), precision (1), height (2), width (2).
				jpeg[i + 5] = (byte) (height >> 8);
				jpeg[i + 6] = (byte) height;
				jpeg[i + 7] = (byte) (width >> 8);
				jpeg[i + 8] = (byte) width;
				return jpeg;
			}
		}
		throw new IllegalStateException("No SOF0 marker in the JPEG");
	}

	/**
	 * A GIF89a (no colour table) whose screen and first image declare {@code width × height}, with one LZW sub-block
	 * (clear, one pixel, end) and the trailer: 29 bytes.
	 */
	public static byte[] gifDeclaring(int width, int height) {
		ByteBuffer gif = ByteBuffer.allocate(29).order(ByteOrder.LITTLE_ENDIAN);
		gif.put("GIF89a".getBytes(StandardCharsets.US_ASCII)).putShort((short) width).putShort((short) height);
		gif.put((byte) 0).put((byte) 0).put((byte) 0);
		gif.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height);
		gif.put((byte) 0).put((byte) 2).put((byte) 2).put((byte) 0x44).put((byte) 0x01).put((byte) 0).put((byte) 0x3B);
		return gif.array();
	}

	/**
	 * A progressive JPEG of {@code size × size} pixels whose last scan is repeated {@code extraScans} times (a dozen
	 * bytes each for 8 × 8). libjpeg only warns about the repeated scans; the JDK's reader converts the whole image
	 * after each one.
	 */
	public static byte[] progressiveJpeg(int size, int extraScans) {
		BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				image.setRGB(x, y, (x * 7 + y * 13) & 0xFFFFFF);
			}
		}
		byte[] jpeg = TestPhotos.encode(image, "jpeg", null, true);
		int lastScan = -1;
		for (int i = 2; i < jpeg.length - 1; i++) {
			if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
				lastScan = i;
			}
		}
		int end = jpeg.length - 2;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, end);
		for (int k = 0; k < extraScans; k++) {
			out.write(jpeg, lastScan, end - lastScan);
		}
		out.write(jpeg, end, 2);
		return out.toByteArray();
	}

	/** zlib stream of one zero byte: a black 8-bit pixel. */
	private static final byte[] ZLIB_BLACK_PIXEL = { 0x78, (byte) 0x9C, 0x63, 0, 0, 0, 1, 0, 1 };

	/**
	 * A little-endian TIFF with one directory of {@code {tag, value}} entries (SHORT for values below 65536, else
	 * LONG; -1 = the offset of {@code data}, which follows the directory).
	 */
	private static byte[] tiff(int[][] entries, byte[] data) {
		int dataAt = 8 + 2 + 12 * entries.length + 4;
		ByteBuffer tiff = ByteBuffer.allocate(dataAt + data.length).order(ByteOrder.LITTLE_ENDIAN);
		tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) entries.length);
		for (int[] entry : entries) {
			int value = (entry[1] == -1) ? dataAt : entry[1];
			boolean isShort = value >= 0 && value < 65536 && entry[1] != -1;
			tiff.putShort((short) entry[0]).putShort((short) (isShort ? 3 : 4)).putInt(1);
			if (isShort) {
				tiff.putShort((short) value).putShort((short) 0);
			}
			else {
				tiff.putInt(value);
			}
		}
		return tiff.putInt(0).put(data).array();
	}

	private static void pngChunk(ByteArrayOutputStream out, String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
		out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		out.writeBytes(typeBytes);
		out.writeBytes(data);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

}
