package com.example.classifier.modelservice.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import com.example.classifier.common.image.ImageType;
import com.example.classifier.common.test.PhonePhotos;
import com.example.classifier.common.test.TestPhotos;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How many pixels a decode keeps: enough for twice what the crop reads, upright, and only where it pays. */
class DecodeTargetTests {

	private final DecodeTarget crop = DecodeTarget.of(Resize.CROP, 224, 224);

	@Test
	void aTwelveMegapixelJpegKeepsEverySecondPixelForA224Crop() {
		assertThat(this.crop.width()).isEqualTo(1024);
		assertThat(this.crop.factor(ImageType.JPEG, 4032, 3024, 1)).isEqualTo(2);
		assertThat(this.crop.factor(ImageType.JPEG, 2048, 2047, 1)).isEqualTo(1);
		assertThat(this.crop.factor(ImageType.PNG, 4032, 3024, 1)).isEqualTo(1);
		assertThat(DecodeTarget.FULL.factor(ImageType.JPEG, 4032, 3024, 1)).isEqualTo(1);
	}

	@Test
	void theDctReadsATwelveMegapixelJpegAtAnEighthAndSmallerStepsOnlyAtTwiceTheResize() {
		// 1/8 needs only the resize's 256 a side: each pixel is its block's mean.
		assertThat(this.crop.dctFactor(ImageType.JPEG, 4032, 3024, 1)).isEqualTo(8);
		assertThat(this.crop.dctFactor(ImageType.JPEG, 2048, 2048, 1)).isEqualTo(8);
		// 1/2 and 1/4 keep at least 512: a 2047-pixel side gets 1/2, the fixtures' 500-773 pixels none.
		assertThat(this.crop.dctFactor(ImageType.JPEG, 2047, 2047, 1)).isEqualTo(2);
		assertThat(this.crop.dctFactor(ImageType.JPEG, 773, 512, 1)).isEqualTo(1);
		assertThat(this.crop.dctFactor(ImageType.PNG, 4032, 3024, 1)).isEqualTo(1);
		assertThat(DecodeTarget.FULL.dctFactor(ImageType.JPEG, 8000, 5000, 1)).isEqualTo(1);
	}

	@Test
	void aSidewaysPhotoIsMeasuredUpright() {
		DecodeTarget wide = new DecodeTarget(900, 300, DecodeTarget.PAYS);
		// Stored 1200 × 2000, displayed 2000 × 1200 (orientation 6): 2 keeps 1000 × 600 upright; as stored, 1.
		assertThat(wide.factor(ImageType.JPEG, 1200, 2000, 6)).isEqualTo(2);
		assertThat(wide.factor(ImageType.JPEG, 1200, 2000, 1)).isEqualTo(1);
	}

	@Test
	void progressiveCmykAndSidewaysJpegsDecodeSubsampledAndUpright() throws Exception {
		BufferedImage big = PhonePhotos.upscale(TestPhotos.read("dog.jpg"), 2400, 1800);
		byte[] progressive = TestPhotos.encode(big, "jpeg", null, true);
		byte[] sideways = TestPhotos.withExifOrientation(
				TestPhotos.encode(TestPhotos.quarterTurnCounterClockwise(big), "jpg"), 6, false);
		byte[] cmyk = cmykJpeg(big);
		DecodeTarget twiceTheCrop = new DecodeTarget(512, 512, DecodeTarget.PAYS);

		for (byte[] jpeg : new byte[][] { progressive, sideways, cmyk }) {
			BufferedImage decoded = ImageDecoder.decode(jpeg, DecodeBudget.DEFAULT.with(DecoderChoice.IMAGEIO),
					twiceTheCrop);
			assertThat(decoded.getWidth()).isEqualTo(1200);
			assertThat(decoded.getHeight()).isEqualTo(900);
		}
	}

	/** The photo as a CMYK JPEG with inverted ink values, as Photoshop writes them (as api's HostileUploads does). */
	static byte[] cmykJpeg(BufferedImage image) throws IOException {
		WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, image.getWidth(),
				image.getHeight(), 4, null);
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				int rgb = image.getRGB(x, y);
				int k = 255 - Math.max((rgb >> 16) & 0xFF, Math.max((rgb >> 8) & 0xFF, rgb & 0xFF));
				cmyk.setPixel(x, y, new int[] { ((rgb >> 16) & 0xFF) + k, ((rgb >> 8) & 0xFF) + k, (rgb & 0xFF) + k,
						255 - k });
			}
		}
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
			writer.setOutput(stream);
			writer.write(null, new IIOImage(cmyk, null, null), null);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}

}
