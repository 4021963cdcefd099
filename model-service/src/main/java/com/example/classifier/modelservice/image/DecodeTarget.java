package com.example.classifier.modelservice.image;

import java.util.EnumSet;
import java.util.Set;

import com.example.classifier.common.image.ImageType;

/**
 * The fewest pixels, upright, that the resize needs decoded, and the formats whose reader saves time by skipping the
 * rest. The reader then keeps every {@link #factor}-th pixel of every {@link #factor}-th row
 * ({@code ImageReadParam.setSourceSubsampling}): a 4032 × 3024 phone photo decodes and prepares as 2016 × 1512 in
 * 38–49 instead of 61–74 ms (docs/performance.md). Subsampling only picks pixels, it does not average them; the resize after it does, and keeping
 * four times the pixels it needs ({@link #HEADROOM}) keeps the answers those of the full decode.
 *
 * @param width smallest decoded width, upright
 * @param height smallest decoded height, upright
 * @param formats the formats to subsample; any other is decoded whole
 */
public record DecodeTarget(int width, int height, Set<ImageType> formats) {

	/** Every pixel, as before subsampling. */
	public static final DecodeTarget FULL = new DecodeTarget(Integer.MAX_VALUE, Integer.MAX_VALUE, Set.of());

	/**
	 * Where subsampling pays, as measured (docs/performance.md): JPEG. Not PNG, whose reader inflates and unfilters
	 * every row whichever it keeps (12 MP: 0.9–1.3× of the full decode's time, noise); not BMP, whose full decode is
	 * already a copy (6–8 ms for the largest, 2048 × 1536, under the 10 MB upload limit, which the rule keeps whole).
	 */
	static final Set<ImageType> PAYS = EnumSet.of(ImageType.JPEG);

	/**
	 * Four times what the resize reads. Twice was asked for (every 4th pixel of a 12 MP photo, 1008 × 756), but the
	 * 12 MP giraffe's top-1 probability then moved by 0.0203 against the full decode (the others by up to 0.018);
	 * every 2nd pixel keeps them all within 0.02.
	 */
	private static final int HEADROOM = 4;

	/** A JPEG block's side, and libjpeg-turbo's largest DCT reduction. */
	private static final int BLOCK = 8;

	/**
	 * {@link Resize#CROP} scales the short side to {@code size * 256 / 224} (256 for 224: decode at least 1024 each
	 * side). {@link Resize#SQUASH} decodes every pixel: its nearest-neighbour samples are particular pixels of the full
	 * image that no subsampled grid holds, and on the 12 MP photos any factor moved MobileNetV2's top-1 probability by
	 * 0.03–0.2 (against at most 0.02 asked).
	 */
	public static DecodeTarget of(Resize resize, int width, int height) {
		return (resize == Resize.SQUASH) ? FULL : new DecodeTarget(cropSide(width), cropSide(height), PAYS);
	}

	/**
	 * The step for a decoder that scales in the DCT (libjpeg-turbo, {@link NativeJpeg}): 2, 4 or 8, or 1 where it would
	 * not keep the answers. At 1/8 each pixel is its 8 × 8 block's mean (the DC coefficient), the value
	 * {@link RasterScaler} computes from the whole image, so 1/8 needs no headroom: a 12 MP photo is read at
	 * 504 × 378, and MobileNetV2's top-5 probabilities moved by at most 0.0073 on the 12 MP photos (ImageIO's step 2:
	 * 0.0154). At 1/2 and 1/4 the scaled transform is a sharper filter than a block mean; read at just the resize's
	 * size, the 773 × 512 eagle moved by 0.066, so those keep twice the size, and the resize averages once more
	 * (1/4 on the 12 MP photos: at most 0.0035). 1 also for formats not in {@link #formats}.
	 */
	int dctFactor(ImageType type, int storedWidth, int storedHeight, int exifOrientation) {
		if (atLeast(1).factor(type, storedWidth, storedHeight, exifOrientation) >= BLOCK) {
			return BLOCK;
		}
		return Math.min(BLOCK / 2, atLeast(2).factor(type, storedWidth, storedHeight, exifOrientation));
	}

	/** This target with {@code headroom} instead of {@link #HEADROOM} times the resize's size. */
	private DecodeTarget atLeast(int headroom) {
		return (this.width == Integer.MAX_VALUE) ? this
				: new DecodeTarget((this.width + HEADROOM - 1) / HEADROOM * headroom,
						(this.height + HEADROOM - 1) / HEADROOM * headroom, this.formats);
	}

	private static int cropSide(int size) {
		return (HEADROOM * size * 256 + 223) / 224;
	}

	/**
	 * The largest power-of-two step that leaves at least {@link #width} × {@link #height} pixels once turned upright;
	 * 1 (every pixel) for other formats or small images. A power of two, because {@link RasterScaler} then reduces to
	 * the same grid as from the full image: on the 12 MP photos steps 2, 4 and 8 kept the top-1 probability within
	 * 0.02 of the full decode's, steps 3, 5, 6 and 7 moved it by up to 0.08. Orientations 5–8 store the photo
	 * sideways: its stored width is the upright height, and subsampling happens before the turn.
	 */
	int factor(ImageType type, int storedWidth, int storedHeight, int exifOrientation) {
		if (!this.formats.contains(type)) {
			return 1;
		}
		boolean sideways = exifOrientation >= 5;
		int wantWidth = sideways ? this.height : this.width;
		int wantHeight = sideways ? this.width : this.height;
		// floor(stored / factor) pixels are always kept (the reader keeps ceil), so this never undershoots.
		int most = Math.min(storedWidth / wantWidth, storedHeight / wantHeight);
		return (most < 1) ? 1 : Integer.highestOneBit(most);
	}

}
