package com.example.classifier.modelservice.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.example.classifier.common.image.CheckedImage;
import com.example.classifier.common.image.ImageCheck;
import com.example.classifier.common.image.ImageRefusedException;
import com.example.classifier.common.image.ImageType;
import com.example.classifier.common.test.PhonePhotos;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

import static com.example.classifier.modelservice.image.DecoderChoice.IMAGEIO;
import static com.example.classifier.modelservice.image.DecoderChoice.NATIVE;


/**
 * Decode + prepare time per photo (not a test): every pixel against only those the 224 crop needs, for the shared
 * photos and their 12 MP JPEG, PNG and 3 MP BMP versions ({@link PhonePhotos}). "subsampled" subsamples every format
 * with ImageIO, whether the service does or not ({@link DecodeTarget#PAYS}), to show where it pays; "native" is the
 * service with {@code image.decoder=native} for a JPEG (1/2-1/8 in the DCT where the rule allows, else ImageIO), and
 * OpenCV's whole decode, then the same resize, for the other formats, to show whether it would pay there. Best of
 * {@code rounds} (default 9): other work on a shared machine only ever slows a round down. Run with the test class
 * path, e.g.
 *
 * <pre>java -cp model-service/target/test-classes:model-service/target/classes:&lt;deps&gt;
 *     com.example.classifier.modelservice.image.DecodeBenchmark [rounds]</pre>
 */
public final class DecodeBenchmark {

	private DecodeBenchmark() {
	}

	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 9;
		ModelInput input = new ModelInput(224, 224, 3, TensorLayout.NHWC);
		ImagePreparer full = new ImagePreparer(input, Preprocessing.TORCH, Resize.CROP, DecodeTarget.FULL);
		DecodeTarget crop = DecodeTarget.of(Resize.CROP, 224, 224);
		ImagePreparer subsampled = new ImagePreparer(input, Preprocessing.TORCH, Resize.CROP,
				new DecodeTarget(crop.width(), crop.height(), EnumSet.allOf(ImageType.class)));
		ImagePreparer service = new ImagePreparer(input, Preprocessing.TORCH, Resize.CROP);
		if (!NativeJpeg.available()) {
			throw new IllegalStateException("The native decoder did not load", NativeJpeg.failure());
		}
		Map<String, byte[]> photos = PhonePhotos.all(true);
		List<String> names = List.copyOf(photos.keySet());
		double[][] best = new double[names.size()][3];
		for (double[] row : best) {
			Arrays.fill(row, Double.MAX_VALUE);
		}
		// Round 0 warms the JIT up and is not counted; within a round the two ways alternate photo by photo, so a
		// burst of other work on the machine hits both alike.
		for (int round = 0; round <= rounds; round++) {
			for (int i = 0; i < names.size(); i++) {
				byte[] bytes = photos.get(names.get(i));
				double[] ms = { time(full, bytes, IMAGEIO), time(subsampled, bytes, IMAGEIO),
						names.get(i).endsWith("jpg") ? time(service, bytes, NATIVE) : timeOpenCv(bytes, input) };
				for (int way = 0; round > 0 && way < ms.length; way++) {
					best[i][way] = Math.min(best[i][way], ms[way]);
				}
			}
		}
		System.out.printf("CPU: %s, %d processors; best of %d rounds%n", cpuModel(),
				Runtime.getRuntime().availableProcessors(), rounds);
		System.out.printf("%-22s %6s %7s %8s %13s %6s %10s %7s %7s%n", "photo", "KB", "factor", "full ms",
				"subsampled ms", "ratio", "native ms", "ratio", "vs sub.");
		for (int i = 0; i < names.size(); i++) {
			byte[] bytes = photos.get(names.get(i));
			System.out.printf("%-22s %6d %7d %8.1f %13.1f %5.1f× %10.1f %6.1f× %6.1f×%n", names.get(i),
					bytes.length / 1024, factor(crop, bytes), best[i][0], best[i][1], best[i][0] / best[i][1],
					best[i][2], best[i][0] / best[i][2], best[i][1] / best[i][2]);
		}
	}

	private static double time(ImagePreparer preparer, byte[] bytes, DecoderChoice decoder) {
		long started = System.nanoTime();
		try {
			preparer.prepare(bytes, PhonePhotoBudget.ROOMY.with(decoder));
		}
		catch (UnreadableImageException ex) {
			throw new IllegalStateException(ex);
		}
		return (System.nanoTime() - started) / 1e6;
	}

	/** OpenCV's whole decode of a PNG or BMP, into the layout {@link RasterScaler} reads, then the same prepare. */
	private static double timeOpenCv(byte[] bytes, ModelInput input) {
		long started = System.nanoTime();
		try (BytePointer data = new BytePointer(bytes);
				Mat encoded = new Mat(1, bytes.length, opencv_core.CV_8UC1, data);
				Mat decoded = opencv_imgcodecs.imdecode(encoded, opencv_imgcodecs.IMREAD_COLOR)) {
			BufferedImage image = new BufferedImage(decoded.cols(), decoded.rows(), BufferedImage.TYPE_3BYTE_BGR);
			decoded.data().get(((DataBufferByte) image.getRaster().getDataBuffer()).getData());
			Preprocessing.TORCH.toTensor(ImageResizer.scaleAndCrop(image, input.width(), input.height()),
					input.layout());
		}
		return (System.nanoTime() - started) / 1e6;
	}

	/** The step the crop's target takes on this photo, whatever its format. */
	private static int factor(DecodeTarget crop, byte[] bytes) {
		try {
			CheckedImage checked = ImageCheck.check(bytes, PhonePhotoBudget.ROOMY.limits());
			return new DecodeTarget(crop.width(), crop.height(), EnumSet.allOf(ImageType.class))
				.factor(checked.type(), checked.width(), checked.height(), ExifOrientation.of(bytes));
		}
		catch (ImageRefusedException ex) {
			throw new IllegalStateException(ex);
		}
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
