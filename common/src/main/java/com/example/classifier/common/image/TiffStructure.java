package com.example.classifier.common.image;

import java.util.Set;

import com.example.classifier.common.image.ImageRefusedException.Reason;

/**
 * What the JDK's TIFF reader takes on trust in the first directory (the image it decodes): each strip or tile is read
 * into an array of its declared byte count, and each tile is decoded into an array of its declared size, whatever the
 * image's. A 131-byte TIFF declaring {@code StripByteCounts = 0x7FFFFFFF} threw {@code OutOfMemoryError: Requested
 * array size exceeds VM limit}; 20000 × 20000 tiles on a 1 × 1 image threw {@code OutOfMemoryError: Java heap space}.
 * So every strip and tile must lie within the file, a tile may hold at most {@code maxPixels}, and only the common
 * compressions are decoded (the others hand tiles to further decoders: JPEG, old-style JPEG, fax).
 */
final class TiffStructure {

	private static final int COMPRESSION = 259;

	private static final int STRIP_OFFSETS = 273;

	private static final int STRIP_BYTE_COUNTS = 279;

	private static final int TILE_WIDTH = 322;

	private static final int TILE_LENGTH = 323;

	private static final int TILE_OFFSETS = 324;

	private static final int TILE_BYTE_COUNTS = 325;

	/** None, LZW, Deflate (Adobe and old), PackBits. */
	private static final Set<Long> COMPRESSIONS = Set.of(1L, 5L, 8L, 32946L, 32773L);

	private static final int SHORT = 3;

	private static final int LONG = 4;

	private TiffStructure() {
	}

	static void check(byte[] tiff, ImageLimits limits) throws ImageRefusedException {
		if (tiff.length < 8) {
			throw damaged("it is shorter than its header");
		}
		boolean bigEndian = tiff[0] == 'M';
		if (Bytes.u16(tiff, 2, bigEndian) == 43) {
			throw new ImageRefusedException(Reason.UNSUPPORTED, "BigTIFF files are not supported; please send a JPEG or PNG.");
		}
		long directory = Bytes.u32(tiff, 4, bigEndian);
		if (!Bytes.within(tiff, directory, 2)) {
			throw damaged("its first directory lies beyond its end");
		}
		int entries = Bytes.u16(tiff, (int) directory, bigEndian);
		if (!Bytes.within(tiff, directory + 2, 12L * entries)) {
			throw damaged("its first directory runs past its end");
		}
		Directory fields = new Directory(tiff, (int) directory + 2, entries, bigEndian);
		long compression = fields.value(COMPRESSION, 1);
		if (!COMPRESSIONS.contains(compression)) {
			throw new ImageRefusedException(Reason.UNSUPPORTED, ("TIFF files with compression %d are not supported "
					+ "(uncompressed, LZW, Deflate and PackBits are); please send a JPEG or PNG.").formatted(compression));
		}
		long tileWidth = fields.value(TILE_WIDTH, 0);
		long tileLength = fields.value(TILE_LENGTH, 0);
		if ((double) tileWidth * tileLength > limits.maxPixels()) {
			throw new ImageRefusedException(Reason.TOO_LARGE, "The TIFF file's tiles are %d × %d pixels; at most %d pixels are accepted."
				.formatted(tileWidth, tileLength, limits.maxPixels()));
		}
		checkSegments(fields, STRIP_OFFSETS, STRIP_BYTE_COUNTS, "strip");
		checkSegments(fields, TILE_OFFSETS, TILE_BYTE_COUNTS, "tile");
	}

	private static void checkSegments(Directory fields, int offsetsTag, int countsTag, String kind)
			throws ImageRefusedException {
		int offsets = fields.find(offsetsTag);
		int counts = fields.find(countsTag);
		if (offsets < 0 || counts < 0) {
			return;
		}
		long segments = Math.min(fields.count(offsets), fields.count(counts));
		for (int i = 0; i < segments; i++) {
			long at = fields.element(offsets, i);
			long length = fields.element(counts, i);
			if (!Bytes.within(fields.tiff, at, length)) {
				throw damaged("it declares a %s of %d bytes at byte %d, beyond its %d bytes".formatted(kind, length, at,
						fields.tiff.length));
			}
		}
	}

	private static ImageRefusedException damaged(String why) {
		return new ImageRefusedException(Reason.DAMAGED, "The TIFF file is damaged: " + why + ".");
	}

	/** The 12-byte entries of one directory: tag, type, count, then the value or the offset of the values. */
	private record Directory(byte[] tiff, int first, int entries, boolean bigEndian) {

		int find(int tag) {
			for (int i = 0; i < this.entries; i++) {
				if (Bytes.u16(this.tiff, this.first + 12 * i, this.bigEndian) == tag) {
					return this.first + 12 * i;
				}
			}
			return -1;
		}

		long count(int entry) {
			return Bytes.u32(this.tiff, entry + 4, this.bigEndian);
		}

		/** The first value of a SHORT or LONG field, or {@code absent}. */
		long value(int tag, long absent) throws ImageRefusedException {
			int entry = find(tag);
			return (entry < 0 || count(entry) == 0) ? absent : element(entry, 0);
		}

		/** Value {@code i} of a SHORT or LONG field: inline when they fit in four bytes, else where the entry points. */
		long element(int entry, long i) throws ImageRefusedException {
			int type = Bytes.u16(this.tiff, entry + 2, this.bigEndian);
			if (type != SHORT && type != LONG) {
				throw damaged("field %d has type %d where a number is expected".formatted(
						Bytes.u16(this.tiff, entry, this.bigEndian), type));
			}
			int size = (type == SHORT) ? 2 : 4;
			long values = (count(entry) * size <= 4) ? entry + 8 : Bytes.u32(this.tiff, entry + 8, this.bigEndian);
			long at = values + i * size;
			if (!Bytes.within(this.tiff, at, size)) {
				throw damaged("the values of field %d lie beyond its end".formatted(
						Bytes.u16(this.tiff, entry, this.bigEndian)));
			}
			return (size == 2) ? Bytes.u16(this.tiff, (int) at, this.bigEndian) : Bytes.u32(this.tiff, (int) at, this.bigEndian);
		}

	}

}
