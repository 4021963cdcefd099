package com.example.classifier.modelservice.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.example.classifier.common.JpegProfiles;
import com.example.classifier.common.image.Bytes;

/**
 * Whether a JPEG's colours come out of the native decoder as ImageIO gives them, read from the segments before its
 * first scan. Only the plain cases go native: Huffman-coded 8-bit baseline, extended or progressive frames of one
 * (grey) or three YCbCr components, whose colour profile, if any, is an RGB one (which ImageIO leaves out too,
 * {@link JpegProfiles}). CMYK and YCCK (four components, converted by ImageIO through their profile or Adobe's
 * inversion), RGB stored as such (Adobe transform 0, or components named R, G, B), a grey or CMYK profile, 12-bit,
 * arithmetic-coded and lossless frames all stay with ImageIO, which either decodes them as before or says why not.
 */
final class JpegFrame {

	private static final int SOS = 0xDA;

	private static final int APP2 = 0xE2;

	private static final int APP14 = 0xEE;

	private static final byte[] ICC_PROFILE = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);

	private static final byte[] ADOBE = "Adobe".getBytes(StandardCharsets.ISO_8859_1);

	/** Adobe's transform byte: 1 = YCbCr; 0 = stored as RGB (3 components) or CMYK; 2 = YCCK. */
	private static final int ADOBE_TRANSFORM_AT = 11;

	private static final int YCBCR = 1;

	private JpegFrame() {
	}

	/** True when the native decoder reads these bytes into the colours ImageIO would. */
	static boolean nativelyDecodable(byte[] jpeg) {
		int frame = -1;
		int adobeTransform = YCBCR;
		boolean profile = false;
		int at = 2;
		while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
			int marker = jpeg[at + 1] & 0xFF;
			if (marker == 0xFF) {
				at++;
				continue;
			}
			if (marker == SOS) {
				break;
			}
			int data = at + 4;
			int end = at + 2 + Bytes.u16(jpeg, at + 2, true);
			if (end > jpeg.length || end < data) {
				return false;
			}
			if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
				if (frame >= 0) {
					return false;
				}
				frame = at;
			}
			else if (marker == APP14 && startsWith(jpeg, data, end, ADOBE) && data + ADOBE_TRANSFORM_AT < end) {
				adobeTransform = jpeg[data + ADOBE_TRANSFORM_AT] & 0xFF;
			}
			else if (marker == APP2 && startsWith(jpeg, data, end, ICC_PROFILE)) {
				profile = true;
			}
			at = end;
		}
		return frame >= 0 && plainFrame(jpeg, frame, adobeTransform)
				// JpegProfiles hands back the very same array when it keeps a profile (not RGB) or cannot parse.
				&& (!profile || JpegProfiles.withoutIccProfile(jpeg) != jpeg);
	}

	/** SOF0, 1 or 2; 8 bits; grey, or YCbCr by the Adobe marker and by component names other than R, G, B. */
	private static boolean plainFrame(byte[] jpeg, int frame, int adobeTransform) {
		int marker = jpeg[frame + 1] & 0xFF;
		int length = Bytes.u16(jpeg, frame + 2, true);
		if (marker > 0xC2 || length < 8 || (jpeg[frame + 4] & 0xFF) != 8) {
			return false;
		}
		int components = jpeg[frame + 9] & 0xFF;
		if (components == 1) {
			return length >= 11;
		}
		if (components != 3 || length < 8 + 3 * 3 || adobeTransform != YCBCR) {
			return false;
		}
		int first = frame + 10;
		return !(jpeg[first] == 'R' && jpeg[first + 3] == 'G' && jpeg[first + 6] == 'B');
	}

	private static boolean startsWith(byte[] bytes, int from, int end, byte[] prefix) {
		return end - from >= prefix.length && Arrays.equals(bytes, from, from + prefix.length, prefix, 0, prefix.length);
	}

}
