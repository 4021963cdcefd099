package com.example.classifier.modelservice.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import com.example.classifier.common.test.PhonePhotos;
import com.example.classifier.common.JpegProfiles;
import com.example.classifier.common.test.Fixtures;
import com.example.classifier.common.test.TestPhotos;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The native decoder reads phone photos at 1/8 scale as the block means of ImageIO's full decode, upright, progressive
 * ones too, and leaves to ImageIO what it would read differently or cannot read at all.
 */
class NativeJpegTests {

	private static final DecodeTarget CROP = DecodeTarget.of(Resize.CROP, 224, 224);

	private static final BufferedImage PHOTO = PhonePhotos.twelveMegapixels("dog.jpg");

	private static final byte[] TWELVE_MEGAPIXELS = PhonePhotos.jpeg(PHOTO, 0.92f);

	private static final DecodeBudget NATIVE = DecodeBudget.DEFAULT.with(DecoderChoice.NATIVE);

	@Test
	void theLibraryLoadsOnThisMachine() {
		assertThat(NativeJpeg.failure()).isNull();
		assertThat(NativeJpeg.available()).isTrue();
	}

	@Test
	void aTwelveMegapixelPhotoIsReadAtAnEighthAsTheBlockMeansOfTheFullDecode() throws Exception {
		BufferedImage scaled = ImageDecoder.decode(TWELVE_MEGAPIXELS, NATIVE, CROP);
		BufferedImage full = ImageDecoder.decode(TWELVE_MEGAPIXELS, NATIVE, DecodeTarget.FULL);

		assertThat(scaled.getWidth()).isEqualTo(504);
		assertThat(scaled.getHeight()).isEqualTo(378);
		assertThat(full.getWidth()).isEqualTo(4032);
		assertThat(meanDifferenceFromBlockMeans(scaled, full, 8)).isLessThan(1.5);
	}

	@Test
	void imageioChosenSubsamplesAsBefore() throws Exception {
		BufferedImage decoded = ImageDecoder.decode(TWELVE_MEGAPIXELS, NATIVE.with(DecoderChoice.IMAGEIO), CROP);

		assertThat(decoded.getWidth()).isEqualTo(2016);
	}

	@Test
	void progressiveAndSidewaysPhotosDecodeNativelyAndUpright() throws Exception {
		byte[] progressive = TestPhotos.encode(PHOTO, "jpeg", null, true);
		byte[] sideways = TestPhotos.withExifOrientation(
				PhonePhotos.jpeg(TestPhotos.quarterTurnCounterClockwise(PHOTO), 0.92f), 6, false);

		BufferedImage fromProgressive = ImageDecoder.decode(progressive, NATIVE, CROP);
		BufferedImage upright = ImageDecoder.decode(sideways, NATIVE, CROP);

		assertThat(fromProgressive.getWidth()).isEqualTo(504);
		assertThat(upright.getWidth()).isEqualTo(504);
		assertThat(upright.getHeight()).isEqualTo(378);
		assertThat(meanDifference(upright, fromProgressive)).isLessThan(2.0);
	}

	@Test
	void cmykAndGreyOrCmykProfiledJpegsAreLeftToImageio() throws Exception {
		byte[] cmyk = DecodeTargetTests.cmykJpeg(PhonePhotos.upscale(PHOTO, 2048, 1536));
		byte[] rgbProfile = withIccProfile(TWELVE_MEGAPIXELS, "RGB ");
		byte[] greyProfile = withIccProfile(TWELVE_MEGAPIXELS, "GRAY");

		assertThat(JpegFrame.nativelyDecodable(TWELVE_MEGAPIXELS)).isTrue();
		assertThat(JpegFrame.nativelyDecodable(rgbProfile)).isTrue();
		assertThat(JpegFrame.nativelyDecodable(cmyk)).isFalse();
		assertThat(JpegFrame.nativelyDecodable(greyProfile)).isFalse();
		// ImageIO decodes the CMYK photo whole (too small to subsample); the native decoder would have read 256 wide.
		assertThat(ImageDecoder.decode(cmyk, NATIVE, CROP).getWidth()).isEqualTo(2048);
	}

	@Test
	void aJpegTheNativeDecoderCannotReadGoesToImageioWhoseErrorIsTheAnswer() {
		// (Not the Huffman tables: libjpeg-turbo then uses the standard ones, as Motion-JPEG frames need.)
		byte[] withoutQuantisationTables = withoutSegments(TWELVE_MEGAPIXELS, 0xDB);

		assertThat(JpegFrame.nativelyDecodable(withoutQuantisationTables)).isTrue();
		assertThat(NativeJpeg.decode(withoutQuantisationTables, 8, 4032, 3024)).isNull();
		assertThatExceptionOfType(UnreadableImageException.class)
			.isThrownBy(() -> ImageDecoder.decode(withoutQuantisationTables, NATIVE, CROP))
			.withMessageStartingWith("The JPEG image could not be decoded");
	}

	@Test
	void theSharedPhotosAreTooSmallToGainAndDecodeWithImageioAsBefore() throws Exception {
		byte[] photo = Fixtures.imageBytes("eagle.jpg");

		BufferedImage chosenNative = ImageDecoder.decode(photo, NATIVE, CROP);
		BufferedImage imageio = ImageDecoder.decode(photo, NATIVE.with(DecoderChoice.IMAGEIO), CROP);

		assertThat(chosenNative.getWidth()).isEqualTo(773);
		assertThat(meanDifference(chosenNative, imageio)).isZero();
	}

	/** Mean absolute channel difference between each scaled pixel and the mean of its block in the full image. */
	private static double meanDifferenceFromBlockMeans(BufferedImage scaled, BufferedImage full, int block) {
		long total = 0;
		for (int y = 0; y < scaled.getHeight(); y++) {
			for (int x = 0; x < scaled.getWidth(); x++) {
				int[] sum = new int[3];
				for (int dy = 0; dy < block; dy++) {
					for (int dx = 0; dx < block; dx++) {
						int rgb = full.getRGB(x * block + dx, y * block + dy);
						sum[0] += (rgb >> 16) & 0xFF;
						sum[1] += (rgb >> 8) & 0xFF;
						sum[2] += rgb & 0xFF;
					}
				}
				int rgb = scaled.getRGB(x, y);
				total += Math.abs(sum[0] / (block * block) - ((rgb >> 16) & 0xFF))
						+ Math.abs(sum[1] / (block * block) - ((rgb >> 8) & 0xFF))
						+ Math.abs(sum[2] / (block * block) - (rgb & 0xFF));
			}
		}
		return total / (3.0 * scaled.getWidth() * scaled.getHeight());
	}

	private static double meanDifference(BufferedImage a, BufferedImage b) {
		long total = 0;
		for (int y = 0; y < a.getHeight(); y++) {
			for (int x = 0; x < a.getWidth(); x++) {
				int p = a.getRGB(x, y);
				int q = b.getRGB(x, y);
				for (int shift = 0; shift <= 16; shift += 8) {
					total += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
				}
			}
		}
		return total / (3.0 * a.getWidth() * a.getHeight());
	}

	/** The JPEG with an APP2 ICC profile chunk whose header names {@code colourSpace}, after its SOI. */
	private static byte[] withIccProfile(byte[] jpeg, String colourSpace) {
		byte[] profile = new byte[128];
		System.arraycopy(colourSpace.getBytes(StandardCharsets.ISO_8859_1), 0, profile, 16, 4);
		byte[] name = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
		int length = 2 + name.length + 2 + profile.length;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2);
		out.write(0xFF);
		out.write(0xE2);
		out.write(length >> 8);
		out.write(length & 0xFF);
		out.writeBytes(name);
		out.write(1);
		out.write(1);
		out.writeBytes(profile);
		out.write(jpeg, 2, jpeg.length - 2);
		byte[] profiled = out.toByteArray();
		assertThat(JpegProfiles.withoutIccProfile(profiled) != profiled).isEqualTo(colourSpace.equals("RGB "));
		return profiled;
	}

	/** The JPEG without its header segments of one marker. */
	private static byte[] withoutSegments(byte[] jpeg, int marker) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2);
		int at = 2;
		while ((jpeg[at + 1] & 0xFF) != 0xDA) {
			int end = at + 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
			if ((jpeg[at + 1] & 0xFF) != marker) {
				out.write(jpeg, at, end - at);
			}
			at = end;
		}
		out.write(jpeg, at, jpeg.length - at);
		return out.toByteArray();
	}

}
