package com.example.classifier.api.models;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.example.classifier.api.system.ApiClient;
import com.example.classifier.api.system.ApiClient.Response;
import com.example.classifier.api.system.ModelServiceProcess;
import com.example.classifier.common.ClassificationJob;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.Hashes;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.ModelName;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.WorkerAnnouncement;
import com.example.classifier.common.test.Fixtures;
import com.example.classifier.common.test.JobLists;
import com.example.classifier.common.test.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two models served at once on one machine, on real parts: a DL4J worker of the MobileNetV2 .h5 (the default model,
 * {@code mobilenetv2}) and an ONNX Runtime worker of the int8 MobileNetV2 ({@code mobilenetv2-int8}), the api on a
 * real port and one redis-server. The last test kills the int8 worker, so the tests run in order.
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "queue.request-timeout=90s", "queue.default-model=mobilenetv2",
				"upload.dir=${java.io.tmpdir}/two-models-it-uploads", "operator.token=" + ApiClient.OPERATOR_TOKEN })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoModelsIntegrationTests {

	private static final String DL4J = "mobilenetv2";

	private static final String INT8 = "mobilenetv2-int8";

	/** Both models agree on these photos (EnginesTests), so a wrong class means an answer went to the wrong request. */
	private static final Map<String, Integer> EXPECTED = Fixtures.TOP1_CLASSES;

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisKeys keys;

	@Autowired
	JobCodec codec;

	private static ModelServiceProcess dl4jWorker;

	private static ModelServiceProcess int8Worker;

	private ApiClient api;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
	}

	@BeforeEach
	void startBothWorkersOnce() throws Exception {
		this.api = new ApiClient(this.port);
		if (dl4jWorker == null) {
			// A short heartbeat TTL, so a killed worker is seen as gone within seconds.
			String[] beat = { "--worker.heartbeat-interval=500ms", "--worker.heartbeat-ttl=2s",
					"--queue.default-model=" + DL4J };
			dl4jWorker = ModelServiceProcess.start("two-dl4j", RedisServerExtension.endpoint(),
					concat(beat, "--model.name=" + DL4J));
			int8Worker = ModelServiceProcess.start("two-int8", RedisServerExtension.endpoint(), concat(beat,
					"--model.name=" + INT8, "--model.path=" + Fixtures.model(Fixtures.MOBILENETV2_INT8_ONNX)));
			dl4jWorker.awaitReady(this.redis, this.keys, Duration.ofSeconds(120));
			int8Worker.awaitReady(this.redis, this.keys, Duration.ofSeconds(120));
		}
	}

	@AfterAll
	static void stopWorkers() {
		for (ModelServiceProcess worker : new ModelServiceProcess[] { dl4jWorker, int8Worker }) {
			if (worker != null) {
				worker.close();
			}
		}
	}

	@Test
	@Order(1)
	void distinctPhotosSentInterleavedToBothModelsAreEachAnsweredByTheModelAskedFor() throws Exception {
		String dl4jId = announcement(dl4jWorker).modelId();
		String int8Id = announcement(int8Worker).modelId();
		assertThat(dl4jId).startsWith("mobilenetv2-float.h5@");
		assertThat(int8Id).startsWith("mobilenetv2-12-int8.onnx@");
		List<String> photos = List.copyOf(EXPECTED.keySet());
		List<String[]> asked = new ArrayList<>();
		List<CompletableFuture<Response>> answers = new ArrayList<>();
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			for (int i = 0; i < 8; i++) {
				// Each photo once to each model, alternating models: no answer can come from the result cache.
				String model = (i % 2 == 0) ? DL4J : INT8;
				String photo = photos.get((i / 2 + (i % 2)) % photos.size());
				asked.add(new String[] { model, photo });
				answers.add(CompletableFuture.supplyAsync(
						() -> this.api.predict(Fixtures.imageBytes(photo), photo, model), clients));
			}
			for (int i = 0; i < answers.size(); i++) {
				Response response = answers.get(i).get();
				String model = asked.get(i)[0];
				String photo = asked.get(i)[1];
				assertThat(response.status()).as(model + " " + photo).isEqualTo(HttpStatus.OK);
				JsonNode body = response.body();
				assertThat(body.get("modelName").asString()).isEqualTo(model);
				assertThat(body.get("model").asString()).as(photo).isEqualTo(model.equals(DL4J) ? dl4jId : int8Id);
				assertThat(body.get("predictions").get(0).get("index").asInt()).as(model + " " + photo)
					.isEqualTo(EXPECTED.get(photo));
				assertThat(body.get("cached").asBoolean()).isFalse();
			}
		}
		finally {
			clients.shutdownNow();
		}
		assertThat(workerJobs(dl4jWorker, DL4J)).as("jobs answered by the DL4J worker").isEqualTo(4);
		assertThat(workerJobs(int8Worker, INT8)).as("jobs answered by the int8 worker").isEqualTo(4);
		assertThat(workerJobs(dl4jWorker, INT8)).as("no int8 meters on the DL4J worker").isZero();
		String apiMetrics = ApiClient.getText("http://127.0.0.1:" + this.port + "/actuator/prometheus",
				ApiClient.OPERATOR_TOKEN);
		assertThat(apiMetrics).contains("classifier_queue_depth{application=\"api-service\",model=\"" + INT8 + "\"}")
			.contains("classifier_queue_depth{application=\"api-service\",model=\"" + DL4J + "\"}");
	}

	@Test
	@Order(2)
	void eachModelHasItsOwnQueueAndModelsListsBothLive() {
		assertThat(this.keys.jobQueue(ModelName.of(DL4J))).isEqualTo(this.keys.jobQueue());
		assertThat(this.keys.jobQueue(ModelName.of(INT8))).isEqualTo(this.keys.jobQueue() + ":" + INT8);

		Response models = this.api.getJson("/models");

		assertThat(models.status()).isEqualTo(HttpStatus.OK);
		assertThat(models.body().get("defaultModel").asString()).isEqualTo(DL4J);
		JsonNode int8 = model(models.body(), INT8);
		assertThat(int8.get("status").asString()).isEqualTo("LIVE");
		assertThat(int8.get("engine").asString()).isEqualTo("onnx");
		assertThat(int8.get("workers").asInt()).isEqualTo(1);
		assertThat(int8.get("inputHeight").asInt()).isEqualTo(224);
		assertThat(int8.get("labels").asInt()).isEqualTo(1000);
		assertThat(model(models.body(), DL4J).get("engine").asString()).isEqualTo("dl4j");
		assertThat(model(models.body(), DL4J).get("isDefault").asBoolean()).isTrue();
	}

	@Test
	@Order(3)
	void aComparisonAnswersWithBothModelsSideBySide() {
		Response response = this.api.predict(Fixtures.imageBytes("giraffe.jpg"), "giraffe.jpg", DL4J + "," + INT8);

		assertThat(response.status()).isEqualTo(HttpStatus.OK);
		JsonNode answers = response.body().get("answers");
		assertThat(answers).hasSize(2);
		assertThat(answers.get(0).get("modelName").asString()).isEqualTo(DL4J);
		assertThat(answers.get(1).get("modelName").asString()).isEqualTo(INT8);
		assertThat(answers.get(0).get("model").asString()).startsWith("mobilenetv2-float.h5@");
		assertThat(answers.get(1).get("model").asString()).startsWith("mobilenetv2-12-int8.onnx@");
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.get("predictions")).hasSize(5));
	}

	@Test
	@Order(4)
	void aJobWithoutAModelFieldAsAnOlderApiWritesItIsAnsweredByTheDefaultModelsWorker() {
		byte[] image = Fixtures.imageBytes("eagle.jpg");
		String replyTo = this.keys.replies("older-api-" + UUID.randomUUID());
		long now = System.currentTimeMillis();
		ClassificationJob older = new ClassificationJob(UUID.randomUUID().toString(), Hashes.sha256Hex(image), image,
				replyTo, now, now + 60_000, 0);
		assertThat(new String(this.codec.writeJob(older))).doesNotContain("model");

		JobLists.enqueue(this.redis, this.keys, this.codec, older);
		String reply = this.redis.opsForList().leftPop(replyTo, Duration.ofSeconds(60));

		assertThat(reply).isNotNull();
		ClassificationResult result = this.codec.readResult(reply);
		assertThat(result.jobId()).isEqualTo(older.id());
		assertThat(result.worker()).isEqualTo(dl4jWorker.workerId());
		assertThat(result.top().index()).isEqualTo(22);
	}

	@Test
	@Order(5)
	void killingEveryWorkerOfOneModelLeavesTheOtherAnsweringAndShowsTheFirstAsDown() throws Exception {
		int8Worker.kill();
		awaitDown(INT8);

		Response refused = this.api.predict(Fixtures.imageBytes("cat.bmp"), "cat.bmp", INT8);
		assertThat(refused.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(refused.body().get("liveModels")).hasSize(1);
		assertThat(refused.body().get("liveModels").get(0).asString()).isEqualTo(DL4J);

		Response answered = this.api.predict(Fixtures.imageBytes("cat.bmp"), "cat.bmp", DL4J);
		assertThat(answered.status()).isEqualTo(HttpStatus.OK);
		assertThat(answered.body().get("predictions").get(0).get("index").asInt()).isEqualTo(285);

		String page = this.api.get("/").body();
		assertThat(page).contains("<option value=\"" + INT8 + "\" disabled=\"disabled\">" + INT8 + " (down)</option>")
			.contains("<option value=\"" + DL4J + "\" selected=\"selected\">" + DL4J + "</option>");
	}

	private void awaitDown(String model) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!"DOWN".equals(model(this.api.getJson("/models").body(), model).get("status").asString())) {
			assertThat(System.nanoTime()).as(model + " seen as down in time").isLessThan(deadline);
			// Test only: the heartbeat's TTL (2 s) must run out.
			Thread.sleep(250);
		}
	}

	private WorkerAnnouncement announcement(ModelServiceProcess worker) {
		return this.codec.readAnnouncement(this.redis.opsForValue().get(this.keys.workerHeartbeat(worker.workerId())),
				this.keys.defaultModel());
	}

	/** Jobs the worker answered for that model, from its own Prometheus endpoint. */
	private static long workerJobs(ModelServiceProcess worker, String model) {
		String metrics = ApiClient.getText("http://127.0.0.1:" + worker.port() + "/actuator/prometheus");
		return metrics.lines()
			.filter((line) -> line.startsWith("classifier_worker_jobs_total{") && line.contains("model=\"" + model + "\"")
					&& line.contains("outcome=\"answered\""))
			.mapToLong((line) -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private static JsonNode model(JsonNode models, String name) {
		for (JsonNode model : models.get("models")) {
			if (model.get("name").asString().equals(name)) {
				return model;
			}
		}
		throw new AssertionError("No " + name + " in " + models);
	}

	private static String[] concat(String[] first, String... more) {
		String[] all = new String[first.length + more.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(more, 0, all, first.length, more.length);
		return all;
	}

}
