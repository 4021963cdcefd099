package com.example.classifier.loadtest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Once a second, reads the services' Prometheus endpoints and the load generator's own state into one CSV row:
 * users, queue depth, requests waiting, batches and images so far, CPU of each side. Running inside the load
 * generator keeps the rows on the same clock as the request log and stops with the run. Counters are written as
 * read (cumulative); the report turns them into rates.
 */
public final class MetricsSampler implements AutoCloseable {

	public static final String HEADER = "epoch_ms,users,queue_depth,requests_waiting,api_cpu,model_cpu,loadgen_cpu,"
			+ "system_cpu,batches,images,inference_seconds,jobs_answered,jobs_cached,api_rejected,load_average,redis_cpu";

	private final List<URI> apiMetrics;

	private final List<URI> modelMetrics;

	/** {@code Authorization} of the api scrapes: its Prometheus endpoint is for operators. Null: none sent. */
	private final String apiAuthorization;

	private boolean toldAboutToken;

	private final IntSupplier users;

	private final ProcessCpu apiCpu;

	private final ProcessCpu modelCpu;

	private final ProcessCpu redisCpu;

	private final RequestLog requestLog;

	private final BufferedWriter out;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "metrics-sampler");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * @param pids process ids of the api instances, the model-services and Redis (each list may be empty): their CPU
	 * is then read from /proc, which a starved service cannot fail to answer; otherwise from their metrics
	 * @param operatorToken the api's operator token (its Prometheus endpoint answers 401 without it), or null
	 */
	public MetricsSampler(List<URI> apiMetrics, List<URI> modelMetrics, List<List<Long>> pids, IntSupplier users,
			RequestLog requestLog, Path file, String operatorToken) {
		this.apiMetrics = List.copyOf(apiMetrics);
		this.modelMetrics = List.copyOf(modelMetrics);
		this.apiAuthorization = (operatorToken != null) ? "Bearer " + operatorToken : null;
		int cores = Runtime.getRuntime().availableProcessors();
		this.apiCpu = new ProcessCpu(pids.get(0), cores);
		this.modelCpu = new ProcessCpu(pids.get(1), cores);
		this.redisCpu = new ProcessCpu(pids.get(2), cores);
		this.users = users;
		this.requestLog = requestLog;
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
			this.out.write(HEADER);
			this.out.newLine();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

	public void start() {
		this.timer.scheduleAtFixedRate(this::sampleQuietly, 0, 1, TimeUnit.SECONDS);
	}

	@Override
	public void close() {
		this.timer.shutdown();
		try {
			this.timer.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		sampleQuietly();
		this.requestLog.close();
		try {
			this.out.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private synchronized void sampleQuietly() {
		try {
			sample();
		}
		catch (RuntimeException ex) {
			// A missed second is a gap in a chart, not a reason to stop the run.
			System.err.println("metrics sample failed: " + ex);
		}
	}

	private void sample() {
		long now = System.currentTimeMillis();
		List<PrometheusText> apis = scrapeAll(this.apiMetrics, this.apiAuthorization);
		List<PrometheusText> models = scrapeAll(this.modelMetrics, null);
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		List<String> row = new ArrayList<>();
		row.add(Long.toString(now));
		row.add(Integer.toString(this.users.getAsInt()));
		// Every api instance reads the same Redis list, so the depth is the same number seen several times.
		row.add(format(max(apis, "classifier_queue_depth")));
		row.add(format(sum(apis, "classifier_requests_waiting")));
		row.add(format(this.apiCpu.isEmpty() ? sum(apis, "process_cpu_usage") : of(this.apiCpu.sample())));
		row.add(format(this.modelCpu.isEmpty() ? sum(models, "process_cpu_usage") : of(this.modelCpu.sample())));
		row.add(format(OptionalDouble.of(Math.max(0, os.getProcessCpuLoad()))));
		row.add(format(OptionalDouble.of(Math.max(0, os.getCpuLoad()))));
		row.add(format(sum(models, "classifier_batch_size_count")));
		row.add(format(sum(models, "classifier_batch_size_sum")));
		row.add(format(sum(models, "classifier_inference_seconds_sum")));
		row.add(format(sum(models, "classifier_worker_jobs_total", "outcome", "answered")));
		row.add(format(sum(models, "classifier_worker_jobs_total", "outcome", "cached")));
		row.add(format(sum(apis, "classifier_request_latency_seconds_count", "outcome", "rejected")));
		row.add(format(OptionalDouble.of(os.getSystemLoadAverage())));
		row.add(format(this.redisCpu.isEmpty() ? OptionalDouble.empty() : of(this.redisCpu.sample())));
		try {
			this.out.write(String.join(",", row));
			this.out.newLine();
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.requestLog.flush();
	}

	private List<PrometheusText> scrapeAll(List<URI> uris, String authorization) {
		List<PrometheusText> texts = new ArrayList<>();
		for (URI uri : uris) {
			try {
				HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(900)).GET();
				if (authorization != null) {
					request.header("Authorization", authorization);
				}
				HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					texts.add(PrometheusText.parse(response.body()));
				}
				else if ((response.statusCode() == 401 || response.statusCode() == 404) && !this.toldAboutToken) {
					// Not a busy service: a missing or wrong LOADTEST_OPERATOR_TOKEN. Say so (once) rather than only
					// leave gaps in the charts.
					this.toldAboutToken = true;
					System.err.println("metrics scrape of " + uri + " answered " + response.statusCode()
							+ ": set LOADTEST_OPERATOR_TOKEN to the api's operator token");
				}
			}
			catch (IOException ex) {
				// A service too busy to answer in time is part of what the run shows: leave its cells empty.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return texts;
			}
		}
		return texts;
	}

	private static OptionalDouble sum(List<PrometheusText> texts, String name, String... labels) {
		double total = 0;
		boolean found = false;
		for (PrometheusText text : texts) {
			OptionalDouble value = text.sum(name, labels);
			if (value.isPresent()) {
				total += value.getAsDouble();
				found = true;
			}
		}
		return found ? OptionalDouble.of(total) : OptionalDouble.empty();
	}

	private static OptionalDouble max(List<PrometheusText> texts, String name) {
		return texts.stream().map((text) -> text.sum(name)).filter(OptionalDouble::isPresent)
			.mapToDouble(OptionalDouble::getAsDouble).max();
	}

	private static OptionalDouble of(double value) {
		return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
	}

	private static String format(OptionalDouble value) {
		if (value.isEmpty()) {
			return "";
		}
		double v = value.getAsDouble();
		return (v == Math.rint(v) && Math.abs(v) < 1e15) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.4f", v);
	}

}
