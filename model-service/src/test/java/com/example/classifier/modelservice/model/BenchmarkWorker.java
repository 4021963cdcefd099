package com.example.classifier.modelservice.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import com.example.classifier.common.Prediction;
import com.example.classifier.common.test.Fixtures;
import com.example.classifier.modelservice.image.ModelInput;
import com.example.classifier.modelservice.image.PreparedImage;
import com.example.classifier.modelservice.image.Preprocessing;
import com.example.classifier.modelservice.image.Resize;
import com.example.classifier.modelservice.image.TensorLayout;
import com.example.classifier.modelservice.model.rewrite.InferenceRewrite;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * One measured process of {@link EngineBenchmark}: loads one engine, then for each batch size warms up and, for each
 * round, says {@code @@READY}, waits for {@code GO} on standard input (so that several processes start together),
 * runs for a fixed time on {@code callers} threads and prints {@code @@RESULT} with its numbers. Not meant to be run by hand.
 * <p>
 * Arguments: {@code engine=onnx|dl4j natives=onednn|onednn-avx512|plain intra=N callers=N batches=1,4,8,16
 * seconds=S minCalls=N rounds=N format=nchw|nhwc}, or {@code accuracy} to classify the shared photos with both engines.
 * With {@code service-model=<file> [preprocessing=torch|caffe] [gflop=G]} it runs that model file loaded as the
 * model-service loads {@code model.path} with one worker thread (engine, intra-op threads, DL4J rewrites and batch
 * split as configured by default) on the shared photos, instead of the random-weight ResNet50.
 */
public final class BenchmarkWorker {

	private BenchmarkWorker() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("accuracy")) {
			accuracy();
			return;
		}
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			int eq = arg.indexOf('=');
			options.put(arg.substring(0, eq), arg.substring(eq + 1));
		}
		String engine = options.getOrDefault("engine", "onnx");
		int intra = Integer.parseInt(options.getOrDefault("intra", "1"));
		int callers = Integer.parseInt(options.getOrDefault("callers", "1"));
		double seconds = Double.parseDouble(options.getOrDefault("seconds", "5"));
		int minCalls = Integer.parseInt(options.getOrDefault("minCalls", "3"));
		int rounds = Integer.parseInt(options.getOrDefault("rounds", "1"));
		int[] batches = Arrays.stream(options.getOrDefault("batches", "1,4,8,16").split(","))
			.mapToInt(Integer::parseInt)
			.toArray();
		long loadStart = System.nanoTime();
		ImageClassifier classifier;
		double gflop;
		List<PreparedImage> images = null;
		if (options.containsKey("service-model")) {
			// Loaded exactly as a model-service with one worker thread loads model.path (EndToEndBenchmark's engine
			// alone), and run on the shared photos as that classifier prepares them.
			Preprocessing preprocessing = options.containsKey("preprocessing")
					? Preprocessing.valueOf(options.get("preprocessing").toUpperCase(Locale.ROOT)) : null;
			classifier = ClassifierFactory.create(new ModelProperties(Path.of(options.get("service-model")),
					preprocessing, null, null, 5, null)
				.withEngine(Engine.valueOf(engine.toUpperCase(Locale.ROOT)), intra, null));
			gflop = Double.parseDouble(options.getOrDefault("gflop", "0"));
			images = sharedPhotos(classifier, 16);
		}
		else if (engine.equals("onnx")) {
			Path model = Path.of(options.getOrDefault("model",
					benchModel("bench/resnet50-random-opset13.onnx").toString()));
			// Split: one caller, each batch as one single-threaded call per thread (the service's default).
			classifier = ClassifierFactory.createOnnx(new ModelProperties(model, Preprocessing.TORCH, null, null, 5,
					null).withEngine(Engine.ONNX, intra, 1)
				.withBatchSplit(Boolean.parseBoolean(options.getOrDefault("split", "false"))));
			// torchvision ResNet50: 4.09 GMAC (../shared/models/bench/README.md).
			gflop = 8.18;
		}
		else {
			Dl4jNatives natives = Dl4jNatives.valueOf(
					options.getOrDefault("natives", "onednn").toUpperCase(Locale.ROOT).replace('-', '_'));
			Dl4jRuntime.State runtime = Dl4jRuntime.configure(natives, intra, null);
			CNN2DFormat format = CNN2DFormat.valueOf(options.getOrDefault("format", "nchw").toUpperCase(Locale.ROOT));
			ComputationGraph graph = ResNet50Graph.build(format, 42);
			gflop = ResNet50Graph.gflopPerImage(graph.getConfiguration(), InputType.convolutional(224, 224, 3, format));
			say("INFO native build " + Dl4jRuntime.loadedLibrary() + "; oneDNN " + runtime.oneDnn() + ", helpers "
					+ runtime.helpers() + "; " + helperCounts(graph));
			Model network = graph;
			if (Boolean.parseBoolean(options.getOrDefault("rewrite", "false"))) {
				network = InferenceRewrite.apply(graph, (format == CNN2DFormat.NCHW) ? new long[] { 3, 224, 224 }
						: new long[] { 224, 224, 3 });
				say("INFO graph rewritten for inference: " + (network != graph));
			}
			LoadedModel loaded = new LoadedModel(network, new ModelInput(224, 224, 3, TensorLayout.valueOf(format.name())), "resnet50-random",
					Preprocessing.CAFFE, "benchmark");
			boolean split = Boolean.parseBoolean(options.getOrDefault("split", "false"));
			// Split: one caller, one replica per thread, one thread each (BatchSplit).
			classifier = split
					? new Dl4jImageClassifier(loaded, Preprocessing.CAFFE, Resize.CROP, Labels.imagenet(), 5, intra, 1,
							true)
					: new Dl4jImageClassifier(loaded, Preprocessing.CAFFE, Labels.imagenet(), 5, callers, intra);
		}
		say("LOADED ms=" + (System.nanoTime() - loadStart) / 1_000_000 + " gflop=" + gflop + " rssMB=" + rssMb("VmRSS"));
		if (images == null) {
			images = randomImages(16, 3 * 224 * 224);
		}
		BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		for (int batch : batches) {
			List<PreparedImage> input = images.subList(0, batch);
			// Warm-up: the first call at a new batch size builds oneDNN primitives / ORT allocations.
			runCallers(classifier, input, callers, 0, 1);
			for (int round = 0; round < rounds; round++) {
				say("READY batch=" + batch + " round=" + round);
				String line = stdin.readLine();
				if (line == null || !line.trim().equals("GO")) {
					classifier.close();
					return;
				}
				long cpuBefore = cpuNanos();
				Measurement m = runCallers(classifier, input, callers, seconds, minCalls);
				double cpuSeconds = (cpuNanos() - cpuBefore) / 1e9;
				say(String.format(Locale.ROOT,
						"RESULT batch=%d round=%d calls=%d images=%d wallSec=%.3f cpuSec=%.3f medianMs=%.2f "
								+ "imgPerSec=%.3f rssMB=%d hwmMB=%d",
						batch, round, m.calls, m.calls * batch, m.wallSeconds, cpuSeconds, m.medianMs,
						m.calls * batch / m.wallSeconds, rssMb("VmRSS"), rssMb("VmHWM")));
			}
		}
		classifier.close();
	}

	private record Measurement(int calls, double wallSeconds, double medianMs) {
	}

	/** Every caller classifies the same batch in a loop until {@code seconds} have passed and each made minCalls. */
	private static Measurement runCallers(ImageClassifier classifier, List<PreparedImage> batch, int callers,
			double seconds, int minCalls) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<List<Double>> latencies = new ArrayList<>();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		List<Thread> threads = new ArrayList<>();
		long[] end = new long[1];
		for (int c = 0; c < callers; c++) {
			List<Double> mine = new ArrayList<>();
			latencies.add(mine);
			Thread thread = new Thread(() -> {
				try {
					start.await();
					long deadline = System.nanoTime() + (long) (seconds * 1e9);
					while (mine.size() < minCalls || System.nanoTime() < deadline) {
						long t0 = System.nanoTime();
						List<List<Prediction>> answer = classifier.classify(batch);
						mine.add((System.nanoTime() - t0) / 1e6);
						if (answer.size() != batch.size()) {
							throw new IllegalStateException("wrong number of answers");
						}
					}
				}
				catch (Throwable ex) {
					failure.set(ex);
				}
			}, "caller-" + c);
			threads.add(thread);
			thread.start();
		}
		long t0 = System.nanoTime();
		start.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		end[0] = System.nanoTime();
		if (failure.get() != null) {
			throw new IllegalStateException(failure.get());
		}
		List<Double> all = latencies.stream().flatMap(List::stream).sorted().toList();
		return new Measurement(all.size(), (end[0] - t0) / 1e9, all.get(all.size() / 2));
	}

	/** {@code count} tensors of {@code values} seeded random values in [-2, 2): the same inputs in every run. */
	static List<PreparedImage> randomImages(int count, int values) {
		SplittableRandom random = new SplittableRandom(7);
		List<PreparedImage> images = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			float[] pixels = new float[values];
			for (int j = 0; j < values; j++) {
				pixels[j] = (float) (random.nextDouble() * 4 - 2);
			}
			images.add(new PreparedImage(pixels));
		}
		return images;
	}

	/** The shared photos, prepared by the classifier, repeated to {@code count}. */
	private static List<PreparedImage> sharedPhotos(ImageClassifier classifier, int count) throws Exception {
		List<String> photos = List.of("dog.jpg", "eagle.jpg", "giraffe.jpg", "bird.bmp", "cat.bmp");
		List<PreparedImage> images = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			images.add(classifier.prepare(Fixtures.imageBytes(photos.get(i % photos.size()))));
		}
		return images;
	}

	/** How many layers of each kind have a helper (oneDNN) versus none. */
	private static String helperCounts(ComputationGraph graph) {
		Map<String, int[]> counts = new java.util.TreeMap<>();
		for (Layer layer : graph.getLayers()) {
			int[] count = counts.computeIfAbsent(layer.getClass().getSimpleName(), (k) -> new int[2]);
			count[(layer.getHelper() != null) ? 0 : 1]++;
		}
		StringBuilder out = new StringBuilder("layers with a helper/without:");
		counts.forEach((name, count) -> out.append(' ').append(name).append('=').append(count[0]).append('/')
			.append(count[1]));
		return out.toString();
	}

	/** The shared MobileNetV2 on the shared photos, with both engines: top-1 and score per photo. */
	private static void accuracy() throws Exception {
		List<String> photos = List.of("dog.jpg", "eagle.jpg", "bird.bmp", "cat.bmp");
		ImageClassifier dl4j = ClassifierFactory.create(new ModelProperties(
				Fixtures.model("mobilenetv2/mobilenetv2-float.h5"), Preprocessing.TORCH, null, null, 5, null));
		ImageClassifier onnx = ClassifierFactory.create(new ModelProperties(
				Fixtures.model("mobilenetv2/mobilenetv2-12-int8.onnx"), Preprocessing.TORCH, null, null, 5, null));
		for (ImageClassifier classifier : List.of(dl4j, onnx)) {
			List<PreparedImage> batch = new ArrayList<>();
			for (String photo : photos) {
				batch.add(classifier.prepare(Fixtures.imageBytes(photo)));
			}
			List<List<Prediction>> answers = classifier.classify(batch);
			for (int i = 0; i < photos.size(); i++) {
				Prediction top = answers.get(i).get(0);
				say(String.format(Locale.ROOT, "ACCURACY model=%s photo=%s index=%d label=%s score=%.3f",
						classifier.modelId(), photos.get(i), top.index(), top.label().replace(' ', '_'), top.score()));
			}
			classifier.close();
		}
	}

	/** CPU time this process got (all threads, user + system): what the engine used while it was scheduled. */
	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	static long rssMb(String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith(field + ":")) {
					return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux
		}
		return -1;
	}

	private static void say(String line) {
		System.out.println("@@" + line);
		System.out.flush();
	}

	/**
	 * The large benchmark models are not in the repository: they come from {@code ../shared} (system property
	 * {@code shared.dir}) or are named with {@code model=...}.
	 */
	private static Path benchModel(String relativePath) {
		Path path = Path.of(System.getProperty("shared.dir", "../shared"), "models", relativePath);
		if (!java.nio.file.Files.isRegularFile(path)) {
			throw new IllegalStateException(path + " is missing: pass model=<path to a .onnx ResNet50> to the benchmark");
		}
		return path;
	}

}
