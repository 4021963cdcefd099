package com.example.classifier.modelservice.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;

import com.example.classifier.common.test.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the EXIF orientation tag, and turning pixels upright by it. */
class ExifOrientationTests {

	private static final int RED = 0xFF0000;

	private static final int GREEN = 0x00FF00;

	private static final int BLUE = 0x0000FF;

	private static final int WHITE = 0xFFFFFF;

	@Test
	void readsTheTagInEitherByteOrder() {
		byte[] jpeg = TestPhotos.encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "jpg");
		for (int orientation = 1; orientation <= 8; orientation++) {
			assertThat(ExifOrientation.of(TestPhotos.withExifOrientation(jpeg, orientation, true))).isEqualTo(orientation);
			assertThat(ExifOrientation.of(TestPhotos.withExifOrientation(jpeg, orientation, false)))
				.isEqualTo(orientation);
		}
	}

	@Test
	void anythingElseIsNormal() {
		byte[] jpeg = TestPhotos.encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "jpg");
		assertThat(ExifOrientation.of(jpeg)).as("no EXIF").isEqualTo(1);
		assertThat(ExifOrientation.of(TestPhotos.withExifOrientation(jpeg, 9, true))).as("out of range").isEqualTo(1);
		assertThat(ExifOrientation.of(TestPhotos.encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png")))
			.as("PNG")
			.isEqualTo(1);
		assertThat(ExifOrientation.of(new byte[0])).isEqualTo(1);
		byte[] exif = TestPhotos.withExifOrientation(jpeg, 6, true);
		for (int cut = 2; cut < 40; cut++) {
			// Cut anywhere inside the EXIF segment: never an exception, never a made-up orientation.
			assertThat(ExifOrientation.of(Arrays.copyOf(exif, cut))).as("cut at %d", cut).isIn(1, 6);
		}
		byte[] unknownByteOrder = exif.clone();
		unknownByteOrder[12] = 'X';
		assertThat(ExifOrientation.of(unknownByteOrder)).as("neither II nor MM").isEqualTo(1);
		byte[] farOffset = exif.clone();
		farOffset[16] = (byte) 0x7F;
		assertThat(ExifOrientation.of(farOffset)).as("IFD offset beyond the segment").isEqualTo(1);
	}

	/**
	 * A 3x2 image with distinct corners, stored as each orientation would store it; turned upright it must come back
	 * as the original, pixel for pixel.
	 */
	@ParameterizedTest(name = "orientation {0}")
	@CsvSource({ "1", "2", "3", "4", "5", "6", "7", "8" })
	void turnsEachOrientationUpright(int orientation) {
		int[][] upright = { { RED, GREEN, BLUE }, { WHITE, 0, 0x808080 } };
		BufferedImage stored = storedAs(upright, orientation);

		BufferedImage restored = ExifOrientation.apply(stored, orientation);

		assertThat(restored.getWidth()).isEqualTo(3);
		assertThat(restored.getHeight()).isEqualTo(2);
		for (int y = 0; y < 2; y++) {
			for (int x = 0; x < 3; x++) {
				assertThat(restored.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d", x, y).isEqualTo(upright[y][x]);
			}
		}
	}

	/** The inverse of each orientation's display transform, written out pixel by pixel (EXIF 2.3, tag 0x0112). */
	private static BufferedImage storedAs(int[][] upright, int orientation) {
		int h = upright.length;
		int w = upright[0].length;
		boolean swapped = orientation >= 5;
		BufferedImage stored = new BufferedImage(swapped ? h : w, swapped ? w : h, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				int[] at = switch (orientation) {
					case 2 -> new int[] { w - 1 - x, y };
					case 3 -> new int[] { w - 1 - x, h - 1 - y };
					case 4 -> new int[] { x, h - 1 - y };
					// Stored row 0 is the displayed left column, stored column 0 the displayed top row.
					case 5 -> new int[] { y, x };
					// Stored row 0 is the displayed right column, stored column 0 the displayed top row.
					case 6 -> new int[] { y, w - 1 - x };
					case 7 -> new int[] { h - 1 - y, w - 1 - x };
					case 8 -> new int[] { h - 1 - y, x };
					default -> new int[] { x, y };
				};
				stored.setRGB(at[0], at[1], upright[y][x]);
			}
		}
		return stored;
	}

}
