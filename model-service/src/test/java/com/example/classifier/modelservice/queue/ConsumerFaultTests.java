package com.example.classifier.modelservice.queue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.classifier.common.ClassificationJob;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.ClassificationResult.Status;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.Fixtures;
import com.example.classifier.common.test.JobLists;
import com.example.classifier.common.test.RedisServerExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What happens when something throws anyway, Errors included, on the real worker (real model, real Redis, its HTTP
 * port): the faults no image causes any more are injected ({@link InjectedFaults}). An Error preparing one image or
 * running one batch fails only the jobs it concerns; a consumer thread that dies turns liveness DOWN and stops the
 * heartbeat. The last test breaks the worker, so the context is discarded after the class.
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "worker.id=faulty-worker", "worker.heartbeat-interval=200ms", "worker.heartbeat-ttl=1s" })
@Import(InjectedFaults.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
class ConsumerFaultTests {

	private static final Path ALIVE_FILE = Path.of(System.getProperty("java.io.tmpdir"),
			"consumer-fault-tests-" + UUID.randomUUID() + ".alive");

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisKeys keys;

	@Autowired
	JobCodec codec;

	@Autowired
	ConsumerLiveness liveness;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
		registry.add("model.path", () -> Fixtures.model(Fixtures.MOBILENETV2_H5).toString());
		registry.add("model.preprocessing", () -> "torch");
		registry.add("worker.alive-file", ALIVE_FILE::toString);
	}

	@Order(1)
	@Test
	void aStackOverflowErrorPreparingOneImageFailsThatJobAloneAndTheThreadTakesTheNext() {
		String replyTo = this.keys.replies("api-" + UUID.randomUUID());
		ClassificationJob poisoned = WorkerJobs.job(InjectedFaults.marked(InjectedFaults.PREPARE), replyTo);
		ClassificationJob dog = WorkerJobs.job(WorkerJobs.variant("dog.jpg"), replyTo);

		JobLists.enqueue(this.redis, this.keys, this.codec, poisoned, dog);
		Map<String, ClassificationResult> answers = byJob(WorkerJobs.awaitReplies(this.redis, this.codec, replyTo, 2));

		assertThat(answers.get(poisoned.id()).status()).isEqualTo(Status.FAILED);
		assertThat(answers.get(poisoned.id()).error()).contains("StackOverflowError");
		assertThat(answers.get(dog.id()).top().label()).isEqualTo("malamute");
		assertThat(health("liveness")).isEqualTo(200);
	}

	@Order(2)
	@Test
	void anOutOfMemoryErrorFromTheEngineIsRetriedImageByImageSoOnlyItsImageFails() {
		String replyTo = this.keys.replies("api-" + UUID.randomUUID());
		ClassificationJob dog = WorkerJobs.job(WorkerJobs.variant("dog.jpg"), replyTo);
		ClassificationJob poisoned = WorkerJobs.job(InjectedFaults.marked(InjectedFaults.CLASSIFY), replyTo);
		ClassificationJob eagle = WorkerJobs.job(WorkerJobs.variant("eagle.jpg"), replyTo);

		JobLists.enqueue(this.redis, this.keys, this.codec, dog, poisoned, eagle);
		Map<String, ClassificationResult> answers = byJob(WorkerJobs.awaitReplies(this.redis, this.codec, replyTo, 3));

		assertThat(answers.get(poisoned.id()).status()).isEqualTo(Status.FAILED);
		assertThat(answers.get(poisoned.id()).error()).contains("the model failed on this image")
			.contains("OutOfMemoryError");
		assertThat(answers.get(dog.id()).top().index()).isEqualTo(249);
		assertThat(answers.get(eagle.id()).top().index()).isEqualTo(22);
		assertThat(health("liveness")).isEqualTo(200);
	}

	@Order(3)
	@Test
	void aConsumerThreadThatDiesAnywayTurnsLivenessDownAndStopsTheHeartbeat() throws Exception {
		awaitTrue("the alive file is touched", () -> Files.exists(ALIVE_FILE));
		assertThat(health("liveness")).isEqualTo(200);
		assertThat(this.liveness.isBroken()).isFalse();

		InjectedFaults.failNextTake(new OutOfMemoryError("injected by ConsumerFaultTests"));

		awaitTrue("liveness is DOWN", () -> health("liveness") == 503);
		assertThat(this.liveness.death()).startsWith("job-taker-0 died of java.lang.OutOfMemoryError");
		awaitTrue("the alive file is gone", () -> !Files.exists(ALIVE_FILE));
		awaitTrue("the heartbeat has lapsed",
				() -> !Boolean.TRUE.equals(this.redis.hasKey(this.keys.workerHeartbeat("faulty-worker"))));
	}

	private static Map<String, ClassificationResult> byJob(List<ClassificationResult> results) {
		Map<String, ClassificationResult> answers = new HashMap<>();
		results.forEach((result) -> answers.put(result.jobId(), result));
		return answers;
	}

	private int health(String group) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/" + group))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as(what + " within 10 s").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

}
