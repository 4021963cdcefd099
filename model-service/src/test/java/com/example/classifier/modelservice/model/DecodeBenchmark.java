package com.example.classifier.modelservice.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Stream;

import com.example.classifier.common.image.ImageType;
import org.deeplearning4j.nn.conf.CNN2DFormat;

/**
 * Decode + prepare time per photo (not a test): every pixel against only those the 224 crop needs, for the shared
 * photos and their 12 MP JPEG, PNG and 3 MP BMP versions ({@link PhonePhotos}). "subsampled" subsamples every format,
 * whether the service does or not ({@link DecodeTarget#PAYS}), to show where it pays. Best of {@code rounds} (default
 * 7): other work on a shared machine only ever slows a round down. Run with the test class path, e.g.
 *
 * <pre>java -cp model-service/target/test-classes:model-service/target/classes:&lt;deps&gt;
 *     com.example.classifier.modelservice.model.DecodeBenchmark [rounds]</pre>
 */
public final class DecodeBenchmark {

	private DecodeBenchmark() {
	}

	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 7;
		ModelInput input = new ModelInput(224, 224, 3, CNN2DFormat.NHWC);
		ImagePreparer full = new ImagePreparer(input, Preprocessing.TORCH, Resize.CROP, DecodeTarget.FULL);
		DecodeTarget crop = DecodeTarget.of(Resize.CROP, 224, 224);
		ImagePreparer subsampled = new ImagePreparer(input, Preprocessing.TORCH, Resize.CROP,
				new DecodeTarget(crop.width(), crop.height(), EnumSet.allOf(ImageType.class)));
		Map<String, byte[]> photos = PhonePhotos.all(true);
		System.out.printf("CPU: %s, %d processors%n", cpuModel(), Runtime.getRuntime().availableProcessors());
		System.out.printf("%-22s %9s %9s %13s %7s%n", "photo", "KB", "full ms", "subsampled ms", "ratio");
		for (Map.Entry<String, byte[]> photo : photos.entrySet()) {
			double fullMs = best(full, photo.getValue(), rounds);
			double subsampledMs = best(subsampled, photo.getValue(), rounds);
			System.out.printf("%-22s %9d %9.1f %13.1f %6.1f×%n", photo.getKey(), photo.getValue().length / 1024, fullMs,
					subsampledMs, fullMs / subsampledMs);
		}
	}

	/** Best of {@code rounds} timings, after one untimed warm-up call. */
	private static double best(ImagePreparer preparer, byte[] bytes, int rounds) {
		double best = Double.MAX_VALUE;
		for (int round = 0; round <= rounds; round++) {
			long started = System.nanoTime();
			try {
				preparer.prepare(bytes, PhonePhotos.ROOMY);
			}
			catch (UnreadableImageException ex) {
				throw new IllegalStateException(ex);
			}
			double ms = (System.nanoTime() - started) / 1e6;
			if (round > 0) {
				best = Math.min(best, ms);
			}
		}
		return best;
	}

	private static String cpuModel() {
		try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
			return lines.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
