package com.example.classifier.api.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.example.classifier.api.ApiServiceApplication;
import com.example.classifier.api.reliability.RawHttp;
import com.example.classifier.api.system.ApiClient;
import com.example.classifier.api.system.ModelServiceProcess;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.Fixtures;
import com.example.classifier.common.test.RedisServer;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * End-to-end figures of issues 4 and 17, measured in one run on real parts (redis-server, the api-service in this
 * JVM, one model-service process), for each photo set ({@link PhotoSet}: the shared test photos, and 12 MP
 * phone-size photos made from them at run time):
 * <ul>
 * <li>the engine alone first ({@link EngineAlone}: the standalone engine benchmark on the same model file, engine,
 * intra-op threads and batch, before the service starts, so nothing of the run competes with it);</li>
 * <li>throughput: images/s answered through api → Redis → model-service under a saturating closed loop of unique
 * photos, against the engine alone (e2e ÷ engine alone) and, for the stage breakdown, against the worker's own
 * inference timer in the same interval;</li>
 * <li>batch-1 latency: one request at a time, end-to-end time divided by the engine time of that request, with the
 * mean time of each stage (api before enqueue, queue, preparation, engine, answer and HTTP) so the overhead can be
 * attributed;</li>
 * <li>an open-loop sweep per set ({@link OpenLoopSweep}) from 10 to 150 % of the closed-loop throughput just
 * measured: p50/p99 of accepted requests, refusals and goodput per step, the knee marked ({@link Knee}), written as a
 * CSV and a chart ({@link SweepReport}).</li>
 * </ul>
 * Throughput runs first in each set: its requests bring both JVMs' hot paths to compiled code, so the latency that
 * follows is the steady state's, not the interpreter's.
 * Run (never in {@code install}): {@code ./mvnw -B -o -Pe2e-bench -DskipTests -pl common,model-service,api-service
 * verify -De2e.args="..."} with options {@code model=<path> engine=<dl4j|onnx> preprocessing=<torch|caffe>
 * clients=16 warm-seconds=120 seconds=30 max-batch=8 intra=<threads> engine-seconds=8 engine-rounds=3 sets=small,phone
 * sweep=small,phone|none step-seconds=20 docs=<name>} ({@code intra} is the model-service's
 * {@code model.intra-op-threads}, default all cores; {@code docs=<name>} also writes {@code docs/<name>.csv} and
 * {@code docs/img/<name>.png}).
 */
public final class EndToEndBenchmark {

	private static final String BENCH_MODEL = "bench-model";

	/** The api's default {@code queue.target-latency}: the knee's p99 limit. */
	private static final double TARGET_LATENCY_MS = 2000;

	private EndToEndBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = Arrays.stream(String.join(" ", args).trim().split("\\s+"))
			.filter((arg) -> arg.contains("="))
			.collect(Collectors.toMap((arg) -> arg.substring(0, arg.indexOf('=')),
					(arg) -> arg.substring(arg.indexOf('=') + 1)));
		String model = options.getOrDefault("model",
				Fixtures.model("mobilenetv2/mobilenetv2-float.h5").toString());
		String preprocessing = options.getOrDefault("preprocessing", "torch");
		String engine = options.getOrDefault("engine", "dl4j");
		int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
		int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
		// Unmeasured closed loop first: a deployed service runs compiled code. At ~15 requests/s a method the api
		// calls once per request reaches C2's compile threshold only after minutes: the api JVM's compiler threads
		// used 0.14 cores 20-40 s into a loop, 0.07 at 100 s, 0.03-0.06 at 160-180 s, while its request threads
		// went from 0.08 to 0.04 (DL4J ResNet50, small photos). 5 s, as before, measured the JIT as well.
		int warmSeconds = Integer.parseInt(options.getOrDefault("warm-seconds", "120"));
		int maxBatch = Integer.parseInt(options.getOrDefault("max-batch", "8"));
		int intraOpThreads = Integer.parseInt(options.getOrDefault("intra",
				String.valueOf(Runtime.getRuntime().availableProcessors())));
		List<PhotoSet.Kind> sets = kinds(options.getOrDefault("sets", "small,phone"));
		List<PhotoSet.Kind> sweeps = kinds(options.getOrDefault("sweep", "small,phone"));
		Duration step = Duration.ofSeconds(Long.parseLong(options.getOrDefault("step-seconds", "20")));

		System.out.printf("%nmodel %s, engine %s, model.intra-op-threads %d, batch %d; %s; load average %s%n", model,
				engine, intraOpThreads, maxBatch, cpu(), loadAverage());
		EngineAlone alone = EngineAlone.measure(model, engine, preprocessing, intraOpThreads, maxBatch,
				Double.parseDouble(options.getOrDefault("engine-seconds", "8")),
				Integer.parseInt(options.getOrDefault("engine-rounds", "3")));
		System.out.printf("engine alone (standalone benchmark, 1 caller, batch %d): %.2f img/s, %.1f ms per batch,"
				+ " %.2f cores used; load average %s%n", maxBatch, alone.imgPerSec(), alone.msPerBatch(),
				alone.coresUsed(), loadAverage());
		Map<PhotoSet.Kind, PhotoSet> photos = new EnumMap<>(PhotoSet.Kind.class);
		for (PhotoSet.Kind kind : sets) {
			photos.put(kind, PhotoSet.of(kind));
		}

		RedisServer redis = new RedisServer(Files.createTempDirectory("e2e-redis")).start();
		Path uploads = Files.createTempDirectory("e2e-uploads");
		// The default upload quota (1 GB, nothing evicted younger than 20 min) refuses phone photos with 507 after
		// about 700 of them, within one run's sweep: room for a run's ~2 GB, deleted at the end.
		// The closed loops measure throughput, so all their clients are let in: with the default floor (one batch per
		// worker) a slow model's bound is 8, and 16 clients in a loop would be refused in turn.
		ConfigurableApplicationContext api = SpringApplication.run(ApiServiceApplication.class,
				"--server.port=0", "--spring.data.redis.port=" + redis.port(), "--queue.request-timeout=120s",
				"--queue.max-depth=100000", "--queue.min-depth=" + 2 * Math.max(16, clients),
				"--logging.level.request=WARN", "--upload.dir=" + uploads,
				"--upload.max-total-size=8GB", "--queue.default-model=" + BENCH_MODEL);
		ModelServiceProcess worker = null;
		try {
			StringRedisTemplate template = api.getBean(StringRedisTemplate.class);
			// One model, named and made the default on both sides, so requests name none (issue #18's routing).
			worker = ModelServiceProcess.start("bench-1", redis, "--model.path=" + model, "--model.name=" + BENCH_MODEL,
					"--queue.default-model=" + BENCH_MODEL,
					"--model.preprocessing=" + preprocessing, "--model.engine=" + engine,
					"--worker.max-batch=" + maxBatch, "--model.intra-op-threads=" + intraOpThreads);
			worker.awaitReady(template, api.getBean(RedisKeys.class), Duration.ofMinutes(3));
			int port = ((WebServerApplicationContext) api).getWebServer().getPort();
			RawHttp client = new RawHttp(port);
			Map<PhotoSet.Kind, SetResult> results = new EnumMap<>(PhotoSet.Kind.class);
			for (PhotoSet set : photos.values()) {
				System.out.printf("%n== %s photos (mean upload %d KB), load average %s%n", set.kind(),
						set.meanKilobytes(), loadAverage());
				double imgPerSec = throughput(client, set, clients, warmSeconds, seconds, worker.port());
				double p50 = latency(client, set, port, worker.port(), api.getBean(MeterRegistry.class));
				results.put(set.kind(), new SetResult(imgPerSec, p50));
			}
			SetResult.print(results, alone);
			if (photos.containsKey(PhotoSet.Kind.SMALL) && photos.containsKey(PhotoSet.Kind.PHONE)) {
				try (SocketHttp socket = new SocketHttp(port)) {
					new PairedLatency(socket, worker.port())
						.measure(photos.get(PhotoSet.Kind.SMALL), photos.get(PhotoSet.Kind.PHONE), 60);
				}
			}
			Map<PhotoSet.Kind, List<StepStats>> swept = new EnumMap<>(PhotoSet.Kind.class);
			for (PhotoSet.Kind kind : sweeps) {
				System.out.printf("%n== open-loop sweep, %s photos, %d s per step%n", kind, step.toSeconds());
				swept.put(kind, new OpenLoopSweep(client, photos.get(kind), step, Duration.ofSeconds(120))
					.run(results.get(kind).imgPerSec()));
			}
			if (!swept.isEmpty()) {
				report(swept, options.get("docs"), "%s, %d threads, batch %d: open-loop sweep".formatted(
						Path.of(model).getFileName(), intraOpThreads, maxBatch) + " (" + engine + ")");
			}
		}
		finally {
			if (worker != null) {
				worker.stop();
			}
			api.close();
			redis.stop();
			FileSystemUtils.deleteRecursively(uploads);
		}
	}

	private static List<PhotoSet.Kind> kinds(String list) {
		return list.equals("none") ? List.of()
				: Arrays.stream(list.split(",")).map((name) -> PhotoSet.Kind.valueOf(name.toUpperCase(Locale.ROOT)))
					.toList();
	}

	/** The sweep's CSV and chart into target/e2e-bench, and with {@code docs=<name>} into docs/ as well. */
	private static void report(Map<PhotoSet.Kind, List<StepStats>> swept, String docsName, String title)
			throws IOException {
		swept.forEach((kind, steps) -> {
			OptionalInt knee = Knee.of(steps, TARGET_LATENCY_MS);
			System.out.printf("knee, %s photos: %s%n", kind, knee.isEmpty() ? "none (the first step fell behind)"
					: "%d %% of capacity, %.2f predictions/s".formatted(steps.get(knee.getAsInt()).percent(),
							steps.get(knee.getAsInt()).goodputPerSecond()));
		});
		String csv = SweepReport.csv(swept, TARGET_LATENCY_MS);
		System.out.print(csv);
		List<Path> dirs = new ArrayList<>(List.of(Path.of("target/e2e-bench")));
		String name = (docsName != null) ? docsName : "open-loop-sweep";
		if (docsName != null) {
			dirs.add(Path.of("../docs"));
		}
		for (Path dir : dirs) {
			Files.createDirectories(dir.resolve("img"));
			Files.writeString(dir.resolve(name + ".csv"), csv);
			SweepReport.chart(swept, TARGET_LATENCY_MS, title, dir.resolve("img/" + name + ".png"));
			System.out.println("Wrote " + dir.resolve(name + ".csv").toAbsolutePath().normalize() + " and img/" + name
					+ ".png");
		}
	}

	private static String loadAverage() throws IOException {
		return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0];
	}

	private static String cpu() throws IOException {
		String model = Files.readAllLines(Path.of("/proc/cpuinfo"))
			.stream()
			.filter((line) -> line.startsWith("model name"))
			.findFirst()
			.map((line) -> line.substring(line.indexOf(':') + 1).trim())
			.orElse("?");
		return model + ", " + Runtime.getRuntime().availableProcessors() + " processors";
	}

	/** Batch-1 latency and its stages; returns the socket client's median end to end (ms). */
	private static double latency(RawHttp client, PhotoSet photos, int apiPort, int workerPort,
			MeterRegistry apiMeters) throws IOException {
		String metricsUrl = "http://127.0.0.1:" + workerPort + "/actuator/prometheus";
		int n = 40;
		try (SocketHttp socket = new SocketHttp(apiPort)) {
			for (int i = 0; i < 10; i++) {
				client.postFile(photos.next(), "photo.jpg");
				socket.exchange(SocketHttp.predictRequest(photos.next(), "photo.jpg"));
			}
			double[] workerBefore = stageTotals(ApiClient.getText(metricsUrl));
			double apiBefore = apiSeconds(apiMeters);
			// The two clients take turns, so that both see the same moments of a shared, noisy machine.
			List<ToIntFunction<byte[]>> clients = List.of(
					(photo) -> socket.exchange(SocketHttp.predictRequest(photo, "photo.jpg")),
					(photo) -> client.postFile(photo, "photo.jpg").status());
			Sample[] samples = batchOne(n, metricsUrl, clients, photos);
			double[] workerAfter = stageTotals(ApiClient.getText(metricsUrl));
			double api = 1000 * (apiSeconds(apiMeters) - apiBefore) / (2 * n);
			Sample lean = samples[0];
			Sample jdk = samples[1];
			// The transport alone: the same uploads with their first bytes spoiled are refused by the inspection
			// (400), so HTTP, multipart parsing and an answer are all they cost.
			double[] refused = new double[n];
			for (int i = 0; i < n; i++) {
				byte[] spoiled = photos.next();
				spoiled[0] = 'X';
				byte[] request = SocketHttp.predictRequest(spoiled, "photo.jpg");
				long started = System.nanoTime();
				socket.exchange(request);
				refused[i] = (System.nanoTime() - started) / 1e6;
			}
			double[] worker = new double[workerBefore.length];
			for (int i = 0; i < worker.length; i++) {
				worker[i] = 1000 * (workerAfter[i] - workerBefore[i]) / (2 * n);
			}
			double meanEndToEnd = (Arrays.stream(lean.endToEnd()).average().orElse(0)
					+ Arrays.stream(jdk.endToEnd()).average().orElse(0)) / 2;
			// The worker's span runs from the job's enqueue time (a millisecond clock reading by the api) to its answer
			// written; what is outside it is the api's and HTTP's.
			System.out.printf("%nbatch-1 stages (means of %d sequential requests, both clients): end to end %.1f ms ="
					+ " HTTP, multipart and the api's own steps %.1f (the api's request timer alone: %.1f)"
					+ " + queue, Redis and hand-offs in the worker %.1f + preparation (decode, resize, normalise) %.1f"
					+ " + engine %.1f%n", 2 * n, meanEndToEnd, meanEndToEnd - worker[0], api,
					worker[0] - worker[1] - worker[2], worker[1], worker[2]);
			System.out.printf("an upload of the same size refused by the inspection (400), socket client: median %.1f ms%n",
					median(refused));
			lean.print("socket client (as curl or wrk)");
			jdk.print("JDK HttpClient");
			return median(lean.endToEnd());
		}
	}

	/**
	 * One request at a time. Each request's engine time is the growth of the worker's inference timer across it (in
	 * nanoseconds, where the answer's {@code inferenceMillis} is cut to whole milliseconds); the worker is read
	 * between requests, outside the timed span.
	 */
	private static Sample[] batchOne(int n, String metricsUrl, List<ToIntFunction<byte[]>> clients,
			PhotoSet photos) {
		double[][] endToEnd = new double[clients.size()][n];
		double[][] engine = new double[clients.size()][n];
		for (int i = 0; i < n; i++) {
			for (int c = 0; c < clients.size(); c++) {
				double[] timed = PairedLatency.timed(metricsUrl, clients.get(c), photos.next());
				endToEnd[c][i] = timed[0];
				engine[c][i] = timed[1];
			}
		}
		Sample[] samples = new Sample[clients.size()];
		for (int c = 0; c < samples.length; c++) {
			samples[c] = new Sample(endToEnd[c], engine[c]);
		}
		return samples;
	}

	private record Sample(double[] endToEnd, double[] engine) {

		void print(String client) {
			double[] ratio = new double[this.endToEnd.length];
			for (int i = 0; i < ratio.length; i++) {
				ratio[i] = this.endToEnd[i] / this.engine[i];
			}
			System.out.printf("batch-1 latency, %s (medians of %d sequential requests): end-to-end %.1f ms, engine"
					+ " %.1f ms, ratio %.2f (median of the per-request ratios %.2f)%n", client, ratio.length,
					median(this.endToEnd), median(this.engine), median(this.endToEnd) / median(this.engine),
					median(ratio));
		}

	}

	private static double median(double[] values) {
		return PairedLatency.median(values);
	}

	/** Seconds the api spent on requests so far, from reading the upload to the answer. */
	private static double apiSeconds(MeterRegistry meters) {
		return meters.find("classifier.request.latency")
			.timers()
			.stream()
			.mapToDouble((timer) -> timer.totalTime(TimeUnit.SECONDS))
			.sum();
	}

	/** Seconds the worker spent so far from enqueue to answer, preparing images, and in the engine. */
	private static double[] stageTotals(String prometheus) {
		return new double[] { sum(prometheus, "classifier_worker_job_latency_seconds_sum"),
				sum(prometheus, "classifier_preprocessing_seconds_sum"),
				sum(prometheus, "classifier_inference_seconds_sum") };
	}

	/** A saturating closed loop; returns the end-to-end images/s. */
	private static double throughput(RawHttp client, PhotoSet photos, int clients, int warmSeconds, int seconds,
			int workerPort) throws InterruptedException {
		String metricsUrl = "http://127.0.0.1:" + workerPort + "/actuator/prometheus";
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		AtomicLong answered = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		long warmUntil = System.nanoTime() + Duration.ofSeconds(warmSeconds).toNanos();
		long endAt = warmUntil + Duration.ofSeconds(seconds).toNanos();
		for (int c = 0; c < clients; c++) {
			pool.submit(() -> {
				while (System.nanoTime() < endAt) {
					byte[] photo = photos.next();
					RawHttp.Exchange answer = client.postFile(photo, "photo.jpg");
					if (System.nanoTime() > warmUntil) {
						(answer.status() == 200 ? answered : failed).incrementAndGet();
					}
				}
			});
		}
		TimeUnit.NANOSECONDS.sleep(warmUntil - System.nanoTime());
		double[] start = engineTotals(ApiClient.getText(metricsUrl));
		long answeredAtStart = answered.get();
		long t0 = System.nanoTime();
		TimeUnit.NANOSECONDS.sleep(endAt - System.nanoTime());
		double[] end = engineTotals(ApiClient.getText(metricsUrl));
		double wall = (System.nanoTime() - t0) / 1e9;
		pool.shutdown();
		pool.awaitTermination(2, TimeUnit.MINUTES);
		double endToEnd = (answered.get() - answeredAtStart) / wall;
		double images = end[0] - start[0];
		double engineSeconds = end[1] - start[1];
		double engineRate = images / engineSeconds;
		System.out.printf("throughput (%d clients, %d s): end-to-end %.1f img/s, the worker's inference timer %.1f img/s"
				+ " (%.0f images in %.1f engine-s, mean batch %.1f; worker finished %.0f jobs, clients %d),"
				+ " ratio %.2f, failures %d%n", clients, seconds, endToEnd, engineRate, images, engineSeconds,
				images / Math.max(1, end[2] - start[2]), end[3] - start[3], answered.get() - answeredAtStart,
				endToEnd / engineRate, failed.get());
		return endToEnd;
	}

	/** Images run, engine seconds and batches so far, from the worker's Prometheus text. */
	private static double[] engineTotals(String prometheus) {
		return new double[] { sum(prometheus, "classifier_batch_size_sum"),
				sum(prometheus, "classifier_inference_seconds_sum"), sum(prometheus, "classifier_batch_size_count"),
				sum(prometheus, "classifier_worker_jobs_total") };
	}

	static double sum(String prometheus, String metric) {
		Matcher matcher = Pattern.compile("^" + metric + "\\{[^}]*} (\\S+)$", Pattern.MULTILINE).matcher(prometheus);
		double total = 0;
		while (matcher.find()) {
			total += Double.parseDouble(matcher.group(1));
		}
		return total;
	}

}
