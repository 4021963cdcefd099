package com.example.classifier.modelservice.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.example.classifier.common.test.PhonePhotos;
import com.example.classifier.common.test.TestPhotos;
import org.bytedeco.javacpp.Pointer;

/**
 * The worker's resident memory around native decodes (not a test): the peak the first 12 MP decode adds (baseline,
 * then progressive: libjpeg-turbo holds a progressive JPEG's coefficients for the whole image), and the resident size
 * before and after 1 000 more. Run with a heap that is committed and touched up front, so that only off-heap
 * memory moves the resident size:
 *
 * <pre>java -Xms512m -Xmx512m -XX:+AlwaysPreTouch -cp &lt;test class path&gt;
 *     com.example.classifier.modelservice.image.NativeDecodeMemory [decodes]</pre>
 *
 * The peak is the kernel's high-water mark ({@code VmHWM}), reset before the decode through
 * {@code /proc/self/clear_refs}.
 */
public final class NativeDecodeMemory {

	private NativeDecodeMemory() {
	}

	public static void main(String[] args) throws Exception {
		int decodes = (args.length > 0) ? Integer.parseInt(args[0]) : 1000;
		BufferedImage pixels = PhonePhotos.twelveMegapixels("giraffe.jpg");
		byte[] baseline = PhonePhotos.jpeg(pixels, 0.92f);
		byte[] progressive = TestPhotos.encode(pixels, "jpeg", null, true);
		DecodeBudget budget = DecodeBudget.DEFAULT.with(DecoderChoice.NATIVE);
		DecodeTarget crop = DecodeTarget.of(Resize.CROP, 224, 224);
		NativeJpeg.available();
		peak("baseline", baseline, budget, crop);
		peak("progressive", progressive, budget, crop);
		for (int i = 0; i < 20; i++) {
			ImageDecoder.decode(baseline, budget, crop);
			ImageDecoder.decode(progressive, budget, crop);
		}
		System.gc();
		long before = kilobytes("VmRSS");
		long started = System.nanoTime();
		for (int i = 0; i < decodes; i++) {
			ImageDecoder.decode((i % 2 == 0) ? baseline : progressive, budget, crop);
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		System.gc();
		long after = kilobytes("VmRSS");
		System.out.printf("%d decodes (half progressive) in %.1f s: resident %d KB before, %d KB after (%+d KB); "
				+ "JavaCPP holds %d bytes%n", decodes, seconds, before, after, after - before, Pointer.totalBytes());
	}

	/** What the first decode of these bytes adds to the resident size at its peak. */
	private static void peak(String kind, byte[] jpeg, DecodeBudget budget, DecodeTarget crop) throws Exception {
		System.gc();
		long before = kilobytes("VmRSS");
		Files.writeString(Path.of("/proc/self/clear_refs"), "5");
		ImageDecoder.decode(jpeg, budget, crop);
		long peak = kilobytes("VmHWM");
		System.out.printf("first %s 12 MP decode (%d KB): resident %d KB before, peak %d KB (%+d KB)%n", kind,
				jpeg.length / 1024, before, peak, peak - before);
	}

	private static long kilobytes(String field) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith(field + ":")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		throw new IllegalStateException(field + " is not in /proc/self/status");
	}

}
