package com.example.classifier.loadtest;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What one load test run does, read from system properties ({@code -Dloadtest.users=50}) or, failing that, the
 * environment ({@code LOADTEST_USERS=50}), so the same simulation runs from loadtest/run.sh or by hand.
 *
 * @param users simulated users at full load (the seed's "number of users")
 * @param spawnRate users started per second until all run (the seed's "spawn rate")
 * @param hold how long all users keep running once the last has started (the seed: about two minutes)
 * @param baseUrls api instances; users are spread over them in turn, as a load balancer would
 * @param apiMetrics Prometheus endpoints of the api instances
 * @param modelMetrics Prometheus endpoints of the model-services
 * @param images folder of photos to upload
 * @param uniqueUploads make every upload a new file (measures the model) or send the photos as they are (the cache)
 * @param output folder for requests.csv and samples.csv
 * @param apiPids process ids of the api instances, for their CPU from /proc (empty: from their own metrics)
 * @param modelPids process ids of the model-services
 * @param redisPids process id of Redis
 * @param operatorToken the api's operator token, sent with each scrape of its Prometheus endpoint (which needs it);
 * null when the api has none
 * @param models which model each upload asks for ({@code models=resnet50=0.7,mobilenetv2=0.3}); empty: no model
 * field, every upload to the default model
 */
public record LoadSettings(int users, double spawnRate, Duration hold, List<String> baseUrls, List<URI> apiMetrics,
		List<URI> modelMetrics, Path images, boolean uniqueUploads, Path output, List<Long> apiPids,
		List<Long> modelPids, List<Long> redisPids, String operatorToken, ModelMix models) {

	public LoadSettings {
		if (users < 1 || spawnRate <= 0) {
			throw new IllegalArgumentException("users must be ≥ 1 and spawn rate > 0");
		}
		if (baseUrls.isEmpty()) {
			throw new IllegalArgumentException("no base URL");
		}
	}

	public static LoadSettings fromEnvironment() {
		return from((key) -> {
			String value = System.getProperty("loadtest." + key);
			if (value == null || value.isBlank()) {
				value = System.getenv("LOADTEST_" + key.replaceAll("([A-Z])", "_$1").toUpperCase(Locale.ROOT));
			}
			return (value == null || value.isBlank()) ? null : value.strip();
		});
	}

	static LoadSettings from(Function<String, String> source) {
		String base = value(source, "baseUrls", "http://127.0.0.1:8080");
		List<String> baseUrls = list(base);
		return new LoadSettings(Integer.parseInt(value(source, "users", "10")),
				Double.parseDouble(value(source, "spawnRate", "1")),
				Duration.ofSeconds(Long.parseLong(value(source, "holdSeconds", "60"))), baseUrls,
				list(value(source, "apiMetrics",
						String.join(",", baseUrls.stream().map((url) -> url + "/actuator/prometheus").toList())))
					.stream().map(URI::create).toList(),
				list(value(source, "modelMetrics", "http://127.0.0.1:8081/actuator/prometheus")).stream()
					.map(URI::create).toList(),
				Path.of(value(source, "images", "../common/src/test/resources/fixtures/images")),
				Boolean.parseBoolean(value(source, "unique", "true")),
				Path.of(value(source, "output", "target/loadtest")), pids(value(source, "apiPids", "")),
				pids(value(source, "modelPids", "")), pids(value(source, "redisPids", "")),
				source.apply("operatorToken"), ModelMix.parse(source.apply("models")));
	}

	/** Seconds until the last user has started. */
	public Duration ramp() {
		return Duration.ofMillis((long) Math.ceil(this.users / this.spawnRate * 1000));
	}

	private static String value(Function<String, String> source, String key, String fallback) {
		String value = source.apply(key);
		return (value != null) ? value : fallback;
	}

	private static List<Long> pids(String csv) {
		return list(csv).stream().map(Long::parseLong).toList();
	}

	private static List<String> list(String csv) {
		return Arrays.stream(csv.split(",")).map(String::strip).filter((s) -> !s.isEmpty()).toList();
	}

}
