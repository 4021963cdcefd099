package com.example.classifier.modelservice.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;

import com.example.classifier.common.image.CheckedImage;
import com.example.classifier.common.image.ImageCheck;
import com.example.classifier.common.image.ImageRefusedException;
import com.example.classifier.common.image.ImageType;
import com.example.classifier.common.image.OpenImage;

/**
 * Turns uploaded bytes into pixels, upright per the JPEG's EXIF orientation; for an animated GIF the first frame. The
 * bytes first pass the same {@link ImageCheck} as at the api, against the worker's own {@link DecodeBudget}, and are
 * then read by the reader of the format they were checked as, over a stream that knows its length, with a deadline; a
 * JPEG that needs only part of its pixels by the native decoder instead where the budget's {@link DecoderChoice} and
 * {@link JpegFrame} allow, falling back to that reader whenever it does not deliver.
 */
final class ImageDecoder {

	private ImageDecoder() {
	}

	/** Every pixel. */
	static BufferedImage decode(byte[] bytes, DecodeBudget budget) throws UnreadableImageException {
		return decode(bytes, budget, DecodeTarget.FULL);
	}

	/**
	 * Only as many pixels as {@code target} needs: every {@code n}-th of every {@code n}-th row when that leaves enough
	 * (a 4032 × 3024 JPEG is read as 2016 × 1512 for a 224 crop), or natively at 1/8 (504 × 378,
	 * {@link DecodeTarget#dctFactor}). The check and the deadline see the stored image.
	 */
	static BufferedImage decode(byte[] bytes, DecodeBudget budget, DecodeTarget target)
			throws UnreadableImageException {
		CheckedImage checked;
		try {
			checked = ImageCheck.check(bytes, budget.limits());
		}
		catch (ImageRefusedException ex) {
			throw new UnreadableImageException(ex.getMessage(), ex);
		}
		DecodeDeadline deadline = new DecodeDeadline(budget.decodeTimeout());
		int orientation = ExifOrientation.of(bytes);
		BufferedImage scaled = decodeNatively(bytes, checked, budget, target, orientation);
		if (scaled != null) {
			// The native call cannot be stopped part-way; within the checks it is bounded (docs/reliability.md), and
			// one that ends past the deadline is refused as ImageIO's would be.
			if (deadline.passed()) {
				throw tooLong(checked, budget);
			}
			return ExifOrientation.apply(scaled, orientation);
		}
		try (OpenImage image = OpenImage.of(bytes, checked.type(), deadline::passed)) {
			deadline.watch(image.reader());
			int factor = target.factor(checked.type(), checked.width(), checked.height(), orientation);
			BufferedImage pixels = read(image.reader(), checked, factor);
			if (deadline.passed()) {
				throw tooLong(checked, budget);
			}
			// Upright as the camera meant it: models are trained on upright photos.
			return ExifOrientation.apply(pixels, orientation);
		}
		catch (IOException | RuntimeException ex) {
			if (deadline.passed()) {
				throw tooLong(checked, budget);
			}
			// Readers signal corrupt data with IIOException, but malformed data can also surface as runtime
			// exceptions from inside a plugin; either way retrying the same bytes will not help.
			throw new UnreadableImageException(
					"The " + checked.type() + " image could not be decoded: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The JPEG at 1/2, 1/4 or 1/8 scale from {@link NativeJpeg} when the budget's decoder allows it, the library
	 * loaded, the target lets it skip pixels and {@link JpegFrame} finds colours it decodes as ImageIO does; null
	 * otherwise, or when it failed, and ImageIO decodes.
	 */
	private static BufferedImage decodeNatively(byte[] bytes, CheckedImage checked, DecodeBudget budget,
			DecodeTarget target, int orientation) {
		if (budget.decoder() == DecoderChoice.IMAGEIO || checked.type() != ImageType.JPEG) {
			return null;
		}
		int factor = target.dctFactor(checked.type(), checked.width(), checked.height(), orientation);
		if (factor == 1 || !NativeJpeg.available() || !JpegFrame.nativelyDecodable(bytes)) {
			return null;
		}
		return NativeJpeg.decode(bytes, factor, checked.width(), checked.height());
	}

	private static UnreadableImageException tooLong(CheckedImage checked, DecodeBudget budget) {
		return new UnreadableImageException("Decoding the %d × %d %s image took longer than the %d ms allowed"
			.formatted(checked.width(), checked.height(), checked.type(), budget.decodeTimeout().toMillis()));
	}

	private static BufferedImage read(ImageReader reader, CheckedImage checked, int factor)
			throws IOException, UnreadableImageException {
		List<String> warnings = new ArrayList<>();
		reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
		ImageReadParam param = reader.getDefaultReadParam();
		if (factor > 1) {
			// The pixel in the middle of each factor × factor block, so the kept grid is centred on the photo.
			param.setSourceSubsampling(factor, factor, factor / 2, factor / 2);
		}
		BufferedImage image = reader.read(0, param);
		for (String warning : warnings) {
			// The JPEG reader fills a truncated file with grey and only warns; a half image gives a confident wrong
			// answer, so it counts as unreadable. Other warnings (stray bytes between markers) decode fine.
			String lower = warning.toLowerCase(Locale.ROOT);
			if (lower.contains("truncated") || lower.contains("premature end")) {
				throw new UnreadableImageException(
						"The " + checked.type() + " image is truncated or corrupt: " + warning);
			}
		}
		return image;
	}

}
