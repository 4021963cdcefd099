package com.example.classifier.api.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import com.example.classifier.api.ApiServiceApplication;
import com.example.classifier.api.reliability.RawHttp;
import com.example.classifier.api.system.ApiClient;
import com.example.classifier.api.system.ModelServiceProcess;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.RedisServer;
import com.example.classifier.common.test.Fixtures;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * End-to-end figures of issue 4, measured in one run on real parts (redis-server, the api-service in this JVM, one
 * model-service process):
 * <ul>
 * <li>throughput: images/s answered through api → Redis → model-service under a saturating load of unique photos,
 * divided by the engine's own img/s in the same interval (images / engine seconds, from the worker's
 * {@code classifier.batch.size} and {@code classifier.inference} meters);</li>
 * <li>batch-1 latency: one request at a time, end-to-end time divided by the engine time of that request, with the
 * mean time of each stage (api before enqueue, queue, preparation, engine, answer and HTTP) so the overhead can be
 * attributed.</li>
 * </ul>
 * Throughput runs first: its thousands of requests bring both JVMs' hot paths to compiled code, so the latency that
 * follows is the steady state's, not the interpreter's.
 * Run: {@code ./mvnw -B -Pe2e-bench -DskipTests -pl common,model-service,api-service install} with
 * {@code -De2e.args="model=<path> engine=<dl4j|onnx> preprocessing=<torch|caffe> clients=16 seconds=30
 * intra=<threads>"}
 * ({@code intra} is the model-service's {@code model.intra-op-threads}; default: all cores).
 */
public final class EndToEndBenchmark {

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
		int maxBatch = Integer.parseInt(options.getOrDefault("max-batch", "8"));
		String intraOpThreads = options.getOrDefault("intra", String.valueOf(Runtime.getRuntime().availableProcessors()));

		RedisServer redis = new RedisServer(Files.createTempDirectory("e2e-redis")).start();
		ConfigurableApplicationContext api = SpringApplication.run(ApiServiceApplication.class,
				"--server.port=0", "--spring.data.redis.port=" + redis.port(), "--queue.request-timeout=120s",
				"--queue.max-depth=100000", "--logging.level.request=WARN",
				"--upload.dir=" + Files.createTempDirectory("e2e-uploads"));
		ModelServiceProcess worker = null;
		try {
			StringRedisTemplate template = api.getBean(StringRedisTemplate.class);
			worker = ModelServiceProcess.start("bench-1", redis, "--model.path=" + model,
					"--model.preprocessing=" + preprocessing, "--model.engine=" + engine,
					"--worker.max-batch=" + maxBatch, "--model.intra-op-threads=" + intraOpThreads);
			worker.awaitReady(template, api.getBean(RedisKeys.class), Duration.ofMinutes(3));
			int port = ((WebServerApplicationContext) api).getWebServer().getPort();
			RawHttp client = new RawHttp(port);
			List<byte[]> photos = uniquePhotos(Math.max(400, clients * seconds * 4));
			AtomicInteger next = new AtomicInteger();
			System.out.printf("%nmodel %s, engine %s, model.intra-op-threads %s%n", model, engine, intraOpThreads);

			throughput(client, photos, next, clients, seconds, worker.port());
			latency(client, photos, next, port, worker.port(), api.getBean(MeterRegistry.class));
		}
		finally {
			if (worker != null) {
				worker.stop();
			}
			api.close();
			redis.stop();
		}
	}

	private static void latency(RawHttp client, List<byte[]> photos, AtomicInteger next, int apiPort, int workerPort,
			MeterRegistry apiMeters) throws IOException {
		String metricsUrl = "http://127.0.0.1:" + workerPort + "/actuator/prometheus";
		int n = 40;
		try (SocketHttp socket = new SocketHttp(apiPort)) {
			for (int i = 0; i < 10; i++) {
				client.postFile(photos.get(next.getAndIncrement() % photos.size()), "photo.jpg");
				socket.exchange(SocketHttp.predictRequest(photos.get(next.getAndIncrement() % photos.size()), "photo.jpg"));
			}
			double[] workerBefore = stageTotals(ApiClient.getText(metricsUrl));
			double apiBefore = apiSeconds(apiMeters);
			// The two clients take turns, so that both see the same moments of a shared, noisy machine.
			List<ToIntFunction<byte[]>> clients = List.of(
					(photo) -> socket.exchange(SocketHttp.predictRequest(photo, "photo.jpg")),
					(photo) -> client.postFile(photo, "photo.jpg").status());
			Sample[] samples = batchOne(n, metricsUrl, clients, photos, next);
			double[] workerAfter = stageTotals(ApiClient.getText(metricsUrl));
			double api = 1000 * (apiSeconds(apiMeters) - apiBefore) / (2 * n);
			Sample lean = samples[0];
			Sample jdk = samples[1];
			// The transport alone: the same uploads with their first bytes spoiled are refused by the inspection
			// (400), so HTTP, multipart parsing and an answer are all they cost.
			double[] refused = new double[n];
			for (int i = 0; i < n; i++) {
				byte[] spoiled = photos.get(next.getAndIncrement() % photos.size()).clone();
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
		}
	}

	/**
	 * One request at a time. Each request's engine time is the growth of the worker's inference timer across it (in
	 * nanoseconds, where the answer's {@code inferenceMillis} is cut to whole milliseconds); the worker is read
	 * between requests, outside the timed span.
	 */
	private static Sample[] batchOne(int n, String metricsUrl, List<ToIntFunction<byte[]>> clients,
			List<byte[]> photos, AtomicInteger next) {
		double[][] endToEnd = new double[clients.size()][n];
		double[][] engine = new double[clients.size()][n];
		for (int i = 0; i < n; i++) {
			for (int c = 0; c < clients.size(); c++) {
				byte[] photo = photos.get(next.getAndIncrement() % photos.size());
				double engineBefore = sum(ApiClient.getText(metricsUrl), "classifier_inference_seconds_sum");
				long started = System.nanoTime();
				int status = clients.get(c).applyAsInt(photo);
				endToEnd[c][i] = (System.nanoTime() - started) / 1e6;
				engine[c][i] = 1000
						* (sum(ApiClient.getText(metricsUrl), "classifier_inference_seconds_sum") - engineBefore);
				if (status != 200) {
					throw new IllegalStateException("A batch-1 request got HTTP " + status);
				}
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
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
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

	private static void throughput(RawHttp client, List<byte[]> photos, AtomicInteger next, int clients,
			int seconds, int workerPort) throws InterruptedException {
		String metricsUrl = "http://127.0.0.1:" + workerPort + "/actuator/prometheus";
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		AtomicLong answered = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		long warmUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		long endAt = warmUntil + Duration.ofSeconds(seconds).toNanos();
		for (int c = 0; c < clients; c++) {
			pool.submit(() -> {
				while (System.nanoTime() < endAt) {
					byte[] photo = photos.get(next.getAndIncrement() % photos.size());
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
		System.out.printf("throughput (%d clients, %d s): end-to-end %.1f img/s, engine %.1f img/s"
				+ " (%.0f images in %.1f engine-s, mean batch %.1f; worker finished %.0f jobs, clients %d),"
				+ " ratio %.2f, failures %d%n", clients, seconds, endToEnd, engineRate, images, engineSeconds,
				images / Math.max(1, end[2] - start[2]), end[3] - start[3], answered.get() - answeredAtStart,
				endToEnd / engineRate, failed.get());
	}

	/** Images run, engine seconds and batches so far, from the worker's Prometheus text. */
	private static double[] engineTotals(String prometheus) {
		return new double[] { sum(prometheus, "classifier_batch_size_sum"),
				sum(prometheus, "classifier_inference_seconds_sum"), sum(prometheus, "classifier_batch_size_count"),
				sum(prometheus, "classifier_worker_jobs_total") };
	}

	private static double sum(String prometheus, String metric) {
		Matcher matcher = Pattern.compile("^" + metric + "\\{[^}]*} (\\S+)$", Pattern.MULTILINE).matcher(prometheus);
		double total = 0;
		while (matcher.find()) {
			total += Double.parseDouble(matcher.group(1));
		}
		return total;
	}

	/**
	 * Distinct JPEGs of the shared photos: each with a numbered JPEG comment segment after the start marker, so every
	 * upload has its own hash and the result cache never answers. The JPEG photos go as they are, with their EXIF and
	 * colour profile, as a camera or phone uploads them; the BMPs are encoded as JPEG.
	 */
	private static List<byte[]> uniquePhotos(int count) throws Exception {
		List<byte[]> encoded = new ArrayList<>();
		encoded.add(Fixtures.imageBytes("dog.jpg"));
		encoded.add(Fixtures.imageBytes("eagle.jpg"));
		for (String name : List.of("bird.bmp", "cat.bmp")) {
			BufferedImage image = ImageIO.read(new ByteArrayInputStream(Fixtures.imageBytes(name)));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(image, "jpg", out);
			encoded.add(out.toByteArray());
		}
		List<byte[]> photos = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			byte[] jpeg = encoded.get(i % encoded.size());
			byte[] comment = ("bench " + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
			ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + comment.length + 4);
			out.write(jpeg, 0, 2);
			out.write(new byte[] { (byte) 0xFF, (byte) 0xFE, 0, (byte) (comment.length + 2) }, 0, 4);
			out.write(comment, 0, comment.length);
			out.write(jpeg, 2, jpeg.length - 2);
			photos.add(out.toByteArray());
		}
		return photos;
	}

}
