package com.example.classifier.modelservice.image;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of image files, the kinds that break decoders: bit flips, stray bytes, size fields overwritten with
 * huge or boundary values (mostly in the first 256 bytes, where headers are), bytes inserted, deleted or repeated,
 * truncation, and the tail of one file spliced onto another. The same seed gives the same sequence.
 */
final class ImageMutator {

	private static final long[] BOUNDARIES = { 0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFFL,
			0x80000000L, 0xFFFFFFFFL, 40_000, 65_535 };

	private final Random random;

	private final List<byte[]> seeds;

	ImageMutator(Random random, List<byte[]> seeds) {
		this.random = random;
		this.seeds = seeds;
	}

	/** A seed with one to four mutations; small seeds nine times in ten, so that most calls take a millisecond. */
	byte[] next() {
		byte[] bytes = seed();
		int mutations = 1 + this.random.nextInt(4);
		for (int i = 0; i < mutations && bytes.length > 0; i++) {
			bytes = mutate(bytes);
		}
		return bytes;
	}

	private byte[] seed() {
		List<byte[]> small = this.seeds.stream().filter((seed) -> seed.length < 64 * 1024).toList();
		List<byte[]> pool = (this.random.nextInt(10) < 9 && !small.isEmpty()) ? small : this.seeds;
		return pool.get(this.random.nextInt(pool.size())).clone();
	}

	private byte[] mutate(byte[] b) {
		return switch (this.random.nextInt(8)) {
			case 0 -> flipBit(b);
			case 1 -> setByte(b);
			case 2 -> overwriteField(b);
			case 3 -> insert(b);
			case 4 -> delete(b);
			case 5 -> Arrays.copyOf(b, this.random.nextInt(b.length));
			case 6 -> repeat(b);
			default -> splice(b);
		};
	}

	private byte[] flipBit(byte[] b) {
		b[offset(b)] ^= (byte) (1 << this.random.nextInt(8));
		return b;
	}

	private byte[] setByte(byte[] b) {
		b[offset(b)] = (byte) BOUNDARIES[this.random.nextInt(5)];
		return b;
	}

	/** A 2- or 4-byte field, either byte order, set to a boundary value: declared sizes, counts and offsets. */
	private byte[] overwriteField(byte[] b) {
		int width = this.random.nextBoolean() ? 2 : 4;
		if (b.length < width) {
			return b;
		}
		int at = Math.min(offset(b), b.length - width);
		long value = BOUNDARIES[this.random.nextInt(BOUNDARIES.length)];
		boolean bigEndian = this.random.nextBoolean();
		for (int i = 0; i < width; i++) {
			int shift = 8 * (bigEndian ? width - 1 - i : i);
			b[at + i] = (byte) (value >>> shift);
		}
		return b;
	}

	private byte[] insert(byte[] b) {
		byte[] extra = new byte[1 + this.random.nextInt(16)];
		this.random.nextBytes(extra);
		int at = offset(b);
		ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + extra.length);
		out.write(b, 0, at);
		out.writeBytes(extra);
		out.write(b, at, b.length - at);
		return out.toByteArray();
	}

	private byte[] delete(byte[] b) {
		int at = offset(b);
		int length = Math.min(1 + this.random.nextInt(64), b.length - at);
		byte[] shorter = new byte[b.length - length];
		System.arraycopy(b, 0, shorter, 0, at);
		System.arraycopy(b, at + length, shorter, at, b.length - at - length);
		return shorter;
	}

	private byte[] repeat(byte[] b) {
		int at = offset(b);
		int length = Math.min(1 + this.random.nextInt(256), b.length - at);
		int times = 1 + this.random.nextInt(64);
		ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + length * times);
		out.write(b, 0, at + length);
		for (int i = 0; i < times; i++) {
			out.write(b, at, length);
		}
		out.write(b, at + length, b.length - at - length);
		return out.toByteArray();
	}

	private byte[] splice(byte[] b) {
		byte[] other = this.seeds.get(this.random.nextInt(this.seeds.size()));
		int keep = offset(b);
		int from = this.random.nextInt(other.length);
		byte[] spliced = Arrays.copyOf(b, keep + other.length - from);
		System.arraycopy(other, from, spliced, keep, other.length - from);
		return spliced;
	}

	/** An offset in the first 256 bytes three times in four, anywhere otherwise. */
	private int offset(byte[] b) {
		int range = (this.random.nextInt(4) < 3) ? Math.min(256, b.length) : b.length;
		return this.random.nextInt(range);
	}

}
