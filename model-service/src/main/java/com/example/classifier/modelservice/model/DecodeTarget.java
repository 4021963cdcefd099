package com.example.classifier.modelservice.model;

import java.util.EnumSet;
import java.util.Set;

import com.example.classifier.common.image.ImageType;

/**
 * The fewest pixels, upright, that the resize needs decoded, and the formats whose reader saves time by skipping the
 * rest. The reader then keeps every {@link #factor}-th pixel of every {@link #factor}-th row
 * ({@code ImageReadParam.setSourceSubsampling}): a 4032 × 3024 phone photo decodes as 806 × 605 in 16 instead of 52 ms
 * (docs/performance.md). Subsampling only picks pixels, it does not average them; the resize after it does, and keeping
 * twice the pixels it needs (a step of at least 2 that it averages over) keeps the answers those of the full decode.
 *
 * @param width smallest decoded width, upright
 * @param height smallest decoded height, upright
 * @param formats the formats to subsample; any other is decoded whole
 */
record DecodeTarget(int width, int height, Set<ImageType> formats) {

	/** Every pixel, as before subsampling. */
	static final DecodeTarget FULL = new DecodeTarget(Integer.MAX_VALUE, Integer.MAX_VALUE, Set.of());

	/**
	 * Where subsampling pays, as measured: JPEG (52 → 16 ms for 12 MP), BMP (16 MB, 2 → 1 ms); not PNG, whose reader
	 * inflates and unfilters every row whichever it keeps (74 → 71 ms), so it is left as it was.
	 */
	static final Set<ImageType> PAYS = EnumSet.of(ImageType.JPEG, ImageType.BMP);

	/** Twice what the resize reads, so its averaging spans at least 2 decoded pixels a step. */
	private static final int HEADROOM = 2;

	/**
	 * {@link Resize#CROP} scales the short side to {@code size * 256 / 224} (256 for 224: decode at least 512 each
	 * side); {@link Resize#SQUASH} samples {@code width x height} (decode at least 448 each side for 224).
	 */
	static DecodeTarget of(Resize resize, int width, int height) {
		return (resize == Resize.SQUASH) ? new DecodeTarget(HEADROOM * width, HEADROOM * height, PAYS)
				: new DecodeTarget(cropSide(width), cropSide(height), PAYS);
	}

	private static int cropSide(int size) {
		return (HEADROOM * size * 256 + 223) / 224;
	}

	/**
	 * The largest step that leaves at least {@link #width} × {@link #height} pixels once turned upright; 1 (every
	 * pixel) for other formats or small images. Orientations 5–8 store the photo sideways: its stored width is the
	 * upright height, and subsampling happens before the turn.
	 */
	int factor(ImageType type, int storedWidth, int storedHeight, int exifOrientation) {
		if (!this.formats.contains(type)) {
			return 1;
		}
		boolean sideways = exifOrientation >= 5;
		int wantWidth = sideways ? this.height : this.width;
		int wantHeight = sideways ? this.width : this.height;
		// floor(stored / factor) pixels are always kept (the reader keeps ceil), so this never undershoots.
		return Math.max(1, Math.min(storedWidth / wantWidth, storedHeight / wantHeight));
	}

}
