package com.example.classifier.modelservice.image;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import com.example.classifier.common.test.Fixtures;
import com.example.classifier.common.test.ImageBombs;
import com.example.classifier.common.test.TestPhotos;

/**
 * What the fuzzer mutates: the five shared photos as stored, the dog small in every format and variant the readers
 * distinguish (progressive JPEG, EXIF orientation, grey, palette, 16-bit, the four TIFF compressions), and small
 * headers built byte by byte, the bombs among them.
 */
final class FuzzSeeds {

	private FuzzSeeds() {
	}

	static List<byte[]> all() {
		List<byte[]> seeds = new ArrayList<>();
		for (String photo : new String[] { "dog.jpg", "eagle.jpg", "giraffe.jpg", "bird.bmp", "cat.bmp" }) {
			seeds.add(Fixtures.imageBytes(photo));
		}
		BufferedImage dog = small(TestPhotos.read("dog.jpg"), 96, 72, BufferedImage.TYPE_3BYTE_BGR);
		for (String format : new String[] { "jpg", "png", "bmp", "gif" }) {
			seeds.add(TestPhotos.encode(dog, format));
		}
		seeds.add(TestPhotos.withExifOrientation(TestPhotos.encode(dog, "jpg"), 6, true));
		seeds.add(TestPhotos.encode(small(dog, 64, 48, BufferedImage.TYPE_BYTE_GRAY), "png"));
		seeds.add(TestPhotos.encode(small(dog, 64, 48, BufferedImage.TYPE_BYTE_INDEXED), "png"));
		seeds.add(TestPhotos.encode(small(dog, 64, 48, BufferedImage.TYPE_USHORT_GRAY), "png"));
		seeds.add(TestPhotos.encode(small(dog, 64, 48, BufferedImage.TYPE_INT_ARGB), "png"));
		for (String compression : new String[] { null, "LZW", "Deflate", "PackBits" }) {
			seeds.add(TestPhotos.encode(dog, "tiff", compression, false));
		}
		seeds.add(TestPhotos.encode(dog, "jpeg", null, true));
		seeds.add(ImageBombs.tiffStripBomb());
		seeds.add(ImageBombs.tiffTileBomb());
		seeds.add(ImageBombs.bmpEmbedding("jpeg"));
		seeds.add(ImageBombs.bmpEmbedding("png"));
		seeds.add(ImageBombs.progressiveJpeg(8, 20));
		seeds.add(ImageBombs.gifDeclaring(16, 16));
		seeds.add(ImageBombs.tiffDeclaring(4, 4));
		seeds.add(ImageBombs.bmpDeclaring(16, 16));
		seeds.add(ImageBombs.pngDeclaring(16, 16));
		seeds.add(ImageBombs.jpegDeclaring(64, 64));
		return seeds;
	}

	private static BufferedImage small(BufferedImage image, int width, int height, int type) {
		BufferedImage small = new BufferedImage(width, height, type);
		small.getGraphics().drawImage(image, 0, 0, width, height, null);
		return small;
	}

}
