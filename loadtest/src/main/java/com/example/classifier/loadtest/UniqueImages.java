package com.example.classifier.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The photos the simulated users upload, each upload made unique. The service answers a photo it has seen before from
 * its result cache without running the model, so a load test that repeated the same five files would measure Redis,
 * not the model. Every upload therefore carries a fresh nonce that changes the file's SHA-256 but not what the model
 * sees in a way that matters:
 * <ul>
 * <li>JPEG: a comment segment (COM) after the APPn headers; the decoded pixels are identical;</li>
 * <li>PNG: a {@code tEXt} chunk before {@code IEND}; pixels identical;</li>
 * <li>BMP: the low bits of the first pixel row's first bytes (a format without comments); an invisible change.</li>
 * </ul>
 * With {@code unique = false} the files go out unchanged, which measures the cache path instead.
 */
public final class UniqueImages {

	private final List<Photo> photos;

	private final boolean unique;

	// A per-run random base keeps nonces of two runs on one Redis apart, the counter keeps uploads of one run apart.
	private final long runBase = ThreadLocalRandom.current().nextLong() & 0x7fff_ffff_0000_0000L;

	private final AtomicLong counter = new AtomicLong();

	public UniqueImages(List<Photo> photos, boolean unique) {
		if (photos.isEmpty()) {
			throw new IllegalArgumentException("no photos to upload");
		}
		this.photos = List.copyOf(photos);
		this.unique = unique;
	}

	/** Every JPEG, PNG and BMP file of a folder, in name order. */
	public static UniqueImages fromFolder(Path folder, boolean unique) {
		List<Photo> photos = new ArrayList<>();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.sorted().toList()) {
				String name = file.getFileName().toString();
				String type = contentType(name);
				if (type != null) {
					photos.add(new Photo(name, type, Files.readAllBytes(file)));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the photos in " + folder, ex);
		}
		if (photos.isEmpty()) {
			throw new IllegalArgumentException("no .jpg, .png or .bmp photo in " + folder);
		}
		return new UniqueImages(photos, unique);
	}

	/** The next upload: photos in turn, so the mix of sizes and formats is the same in every test. */
	public Photo next() {
		long n = this.counter.getAndIncrement();
		Photo photo = this.photos.get((int) (n % this.photos.size()));
		return this.unique ? photo.withNonce(this.runBase | n) : photo;
	}

	public int size() {
		return this.photos.size();
	}

	static String contentType(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
			return "image/jpeg";
		}
		if (lower.endsWith(".png")) {
			return "image/png";
		}
		if (lower.endsWith(".bmp")) {
			return "image/bmp";
		}
		return null;
	}

	/** One file to upload. */
	public record Photo(String name, String contentType, byte[] bytes) {

		Photo withNonce(long nonce) {
			byte[] changed = switch (this.contentType) {
				case "image/jpeg" -> jpegWithComment(this.bytes, "loadtest " + Long.toHexString(nonce));
				case "image/png" -> pngWithText(this.bytes, "loadtest", Long.toHexString(nonce));
				case "image/bmp" -> bmpWithPixelNoise(this.bytes, nonce);
				default -> throw new IllegalStateException("unsupported " + this.contentType);
			};
			return new Photo(this.name, this.contentType, changed);
		}

	}

	/** Inserts a COM segment after SOI and the APPn segments, where decoders expect metadata. */
	static byte[] jpegWithComment(byte[] jpeg, String comment) {
		int at = 2;
		while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF && (jpeg[at + 1] & 0xF0) == 0xE0) {
			at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
		}
		byte[] text = comment.getBytes(StandardCharsets.US_ASCII);
		int length = text.length + 2;
		ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
		out.put(jpeg, 0, at).put((byte) 0xFF).put((byte) 0xFE).putShort((short) length).put(text);
		out.put(jpeg, at, jpeg.length - at);
		return out.array();
	}

	/** Inserts a tEXt chunk right before the 12-byte IEND chunk. */
	static byte[] pngWithText(byte[] png, String keyword, String value) {
		byte[] data = (keyword + "\0" + value).getBytes(StandardCharsets.ISO_8859_1);
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update("tEXt".getBytes(StandardCharsets.US_ASCII));
		crc.update(data);
		int iend = png.length - 12;
		ByteBuffer out = ByteBuffer.allocate(png.length + 12 + data.length);
		out.put(png, 0, iend).putInt(data.length).put("tEXt".getBytes(StandardCharsets.US_ASCII)).put(data);
		out.putInt((int) crc.getValue()).put(png, iend, 12);
		return out.array();
	}

	/** Writes the nonce's 64 bits into the lowest bit of the first 64 pixel bytes: at most 1/255 per channel. */
	static byte[] bmpWithPixelNoise(byte[] bmp, long nonce) {
		byte[] out = bmp.clone();
		int pixels = ByteBuffer.wrap(bmp, 10, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
		for (int bit = 0; bit < 64 && pixels + bit < out.length; bit++) {
			int i = pixels + bit;
			out[i] = (byte) ((out[i] & 0xFE) | ((nonce >>> bit) & 1));
		}
		return out;
	}

}
