package com.example.classifier.api.predict;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import javax.imageio.ImageIO;

import com.example.classifier.api.system.ApiClient;
import com.example.classifier.api.system.ApiClient.Response;
import com.example.classifier.api.system.ModelServiceProcess;
import com.example.classifier.api.system.ModelWorkers;
import com.example.classifier.api.system.ModelWorkersExtension;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.RedisServerExtension;
import com.example.classifier.common.test.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole product on real parts: the api-service on a real port, two model-service processes running DL4J on the
 * shared MobileNetV2, one real redis-server, and the shared photos.
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "queue.request-timeout=90s", "upload.dir=${java.io.tmpdir}/predict-it-uploads",
				"operator.token=" + ApiClient.OPERATOR_TOKEN })
@ModelWorkers({ "it-model-1", "it-model-2" })
class PredictIntegrationTests {

	private static final Map<String, Integer> EXPECTED = Fixtures.TOP1_CLASSES;

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisKeys keys;

	@Autowired
	JobCodec codec;

	private ApiClient api;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
	}

	@BeforeEach
	void client() {
		this.api = new ApiClient(this.port);
	}

	@Test
	void aDogPhotoIsAMalamute() {
		Response response = this.api.predict(Fixtures.imageBytes("dog.jpg"), "dog.jpg");

		assertThat(response.status()).isEqualTo(HttpStatus.OK);
		assertThat(response.body().get("success").asBoolean()).isTrue();
		assertThat(response.body().get("prediction").asString()).isEqualTo("malamute");
		assertThat(response.body().get("score").asDouble()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
		assertThat(response.body().get("predictions")).hasSize(5);
		assertThat(response.body().get("predictions").get(0).get("index").asInt()).isEqualTo(249);
		assertThat(response.body().get("model").asString()).contains("mobilenetv2");
		String jobId = response.body().get("jobId").asString();
		assertThat(this.redis.getExpire(this.keys.result(jobId))).isPositive();
	}

	@Test
	void anEaglePhotoIsABaldEagle() {
		Response response = this.api.predict(Fixtures.imageBytes("eagle.jpg"), "eagle.jpg");

		assertThat(response.status()).isEqualTo(HttpStatus.OK);
		assertThat(response.body().get("prediction").asString()).isEqualTo("bald eagle");
		assertThat(response.body().get("predictions").get(0).get("index").asInt()).isEqualTo(22);
	}

	@Test
	void theSamePhotoTwiceIsAnsweredFromTheCache() {
		byte[] photo = variant("bird.bmp");
		Response first = this.api.predict(photo, "a.png");
		Response second = this.api.predict(photo, "b.png");

		assertThat(first.body().get("cached").asBoolean()).isFalse();
		assertThat(second.body().get("cached").asBoolean()).isTrue();
		assertThat(second.body().get("prediction").asString()).isEqualTo(first.body().get("prediction").asString());
		assertThat(second.body().get("filename").asString()).isEqualTo(first.body().get("filename").asString());
	}

	@Test
	void twoWorkersShareABurstAndEveryCallerGetsItsOwnAnswer() throws Exception {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			names.addAll(EXPECTED.keySet());
		}
		ExecutorService clients = Executors.newFixedThreadPool(names.size());
		try {
			List<CompletableFuture<Response>> answers = new ArrayList<>();
			for (String name : names) {
				byte[] photo = variant(name);
				answers.add(CompletableFuture.supplyAsync(() -> this.api.predict(photo, name), clients));
			}
			Set<String> workersSeen = new HashSet<>();
			for (int i = 0; i < names.size(); i++) {
				Response response = answers.get(i).join();
				assertThat(response.status()).as(names.get(i)).isEqualTo(HttpStatus.OK);
				assertThat(response.body().get("predictions").get(0).get("index").asInt()).as(names.get(i))
					.isEqualTo(EXPECTED.get(names.get(i)));
				String stored = this.redis.opsForValue().get(this.keys.result(response.body().get("jobId").asString()));
				workersSeen.add(this.codec.readResult(stored).worker());
			}
			assertThat(workersSeen).containsExactlyInAnyOrder("it-model-1", "it-model-2");
		}
		finally {
			clients.shutdownNow();
		}
	}

	@Test
	void bothServicesAreReadyAndExposeTheirMetricsAfterRealClassifications() {
		this.api.predict(Fixtures.imageBytes("cat.bmp"), "cat.bmp");
		String apiBase = "http://127.0.0.1:" + this.port;
		List<ModelServiceProcess> workers = ModelWorkersExtension.workers();
		String workerBase = "http://127.0.0.1:" + workers.get(0).port();

		assertThat(ApiClient.getText(apiBase + "/actuator/health/readiness", ApiClient.OPERATOR_TOKEN))
			.contains("\"status\":\"UP\"")
			.contains("\"alive\":2");
		assertThat(ApiClient.getText(workerBase + "/actuator/health/readiness")).contains("\"status\":\"UP\"")
			.contains("mobilenetv2");
		assertThat(ApiClient.getText(apiBase + "/actuator/prometheus", ApiClient.OPERATOR_TOKEN))
			.contains("classifier_request_latency_seconds_bucket")
			.contains("outcome=\"answered\"")
			.contains("classifier_queue_depth")
			.contains("classifier_requests_waiting");
		String workerMetrics = ApiClient.getText(workerBase + "/actuator/prometheus")
			+ ApiClient.getText("http://127.0.0.1:" + workers.get(1).port() + "/actuator/prometheus");
		assertThat(workerMetrics).contains("classifier_inference_seconds_count{")
			.contains("classifier_batch_size_count{")
			.contains("classifier_preprocessing_seconds_count{")
			.contains("classifier_model_load_seconds{")
			.contains("classifier_worker_jobs_total{")
			.contains("engine=\"dl4j\"")
			.contains("model=\"mobilenetv2-float\"")
			.contains("model_id=\"mobilenetv2-float.h5@382bf201\"");
	}

	@Test
	void aJobSubmittedWithoutWaitingCanBeFetchedByIdOnceDone() throws Exception {
		ApiClient.Response accepted = this.api.submitJob(variant("dog.jpg"), "dog.png");
		assertThat(accepted.status()).isEqualTo(HttpStatus.ACCEPTED);
		String jobId = accepted.body().get("jobId").asString();
		assertThat(accepted.location()).isEqualTo("/jobs/" + jobId);

		ApiClient.Response status = this.api.job(jobId);
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while ("queued".equals(status.body().get("status").asString()) && System.nanoTime() < deadline) {
			Thread.sleep(200);
			status = this.api.job(jobId);
		}
		assertThat(status.status()).isEqualTo(HttpStatus.OK);
		assertThat(status.body().get("status").asString()).isEqualTo("done");
		assertThat(status.body().get("prediction").asString()).isEqualTo("malamute");
		assertThat(this.api.job("00000000-0000-0000-0000-000000000000").status()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void anOversizedUploadIsRefusedWith413() {
		byte[] huge = new byte[11 * 1024 * 1024];
		ThreadLocalRandom.current().nextBytes(huge);
		Response response = this.api.predict(huge, "huge.jpg");

		assertThat(response.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
		assertThat(response.body().get("success").asBoolean()).isFalse();
		assertThat(response.body().get("detail").asString()).contains("too large");
	}

	@Test
	void aTextFileNamedJpgIsABadRequest() {
		Response response = this.api.predict("not a photo".getBytes(), "photo.jpg");

		assertThat(response.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.body().get("success").asBoolean()).isFalse();
	}

	/** The photo with one pixel changed, as PNG: same class, new content hash, so the result cache cannot answer. */
	private static byte[] variant(String name) {
		try {
			BufferedImage image = ImageIO.read(new ByteArrayInputStream(Fixtures.imageBytes(name)));
			image.setRGB(0, 0, ThreadLocalRandom.current().nextInt(0xFFFFFF));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(image, "png", out);
			return out.toByteArray();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
