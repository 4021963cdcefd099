package com.example.classifier.api.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.example.classifier.common.test.Fixtures;
import com.example.classifier.common.test.PhonePhotos;
import com.example.classifier.common.test.TestPhotos;

/**
 * The uploads of one photo set, each made unique on the way out: a numbered JPEG comment segment after the start
 * marker gives every upload its own hash, so the result cache never answers. Made per upload rather than in advance:
 * a run sends thousands, and the 12 MP set is 1–2 MB a photo.
 */
final class PhotoSet {

	/** The two sets of issue 17. */
	enum Kind {

		/**
		 * The shared photos (500–900 px): the JPEGs as they are, with their EXIF and colour profiles, as a camera or
		 * phone uploads them; the BMPs encoded as JPEG.
		 */
		SMALL,

		/** 12 MP phone-size JPEGs (4032 × 3024, quality 92) made from the same photos ({@link PhonePhotos}). */
		PHONE

	}

	private final Kind kind;

	private final List<byte[]> jpegs;

	private final AtomicLong next = new AtomicLong();

	private PhotoSet(Kind kind, List<byte[]> jpegs) {
		this.kind = kind;
		this.jpegs = jpegs;
	}

	static PhotoSet of(Kind kind) {
		List<byte[]> jpegs = new ArrayList<>();
		for (String fixture : PhonePhotos.FIXTURES) {
			jpegs.add(switch (kind) {
				case SMALL -> fixture.endsWith(".jpg") ? Fixtures.imageBytes(fixture)
						: TestPhotos.encode(TestPhotos.read(fixture), "jpg");
				case PHONE -> PhonePhotos.jpeg(PhonePhotos.twelveMegapixels(fixture), 0.92f);
			});
		}
		return new PhotoSet(kind, jpegs);
	}

	Kind kind() {
		return this.kind;
	}

	/** Mean upload size in KB. */
	long meanKilobytes() {
		return this.jpegs.stream().mapToLong((jpeg) -> jpeg.length).sum() / this.jpegs.size() / 1024;
	}

	/** The next photo of the set, round robin, with a comment no other upload of this run carries. */
	byte[] next() {
		long n = this.next.getAndIncrement();
		return unique(this.jpegs.get((int) (n % this.jpegs.size())), this.kind + " " + n);
	}

	static byte[] unique(byte[] jpeg, String text) {
		byte[] comment = text.getBytes(StandardCharsets.US_ASCII);
		int length = comment.length + 2;
		ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + length + 2);
		out.write(jpeg, 0, 2);
		out.write(new byte[] { (byte) 0xFF, (byte) 0xFE, (byte) (length >> 8), (byte) length }, 0, 4);
		out.write(comment, 0, comment.length);
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

}
