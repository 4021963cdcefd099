package com.example.classifier.api.reliability;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.example.classifier.api.reliability.RawHttp.Exchange;
import com.example.classifier.api.system.ModelServiceProcess;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Far more simultaneous requests than the queue may hold (bound 4), against the real api-service and one real
 * model-service: the excess is refused at once with 503 and a Retry-After, what was accepted is answered, and no
 * client sees a connection error.
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "queue.max-depth=4", "queue.min-depth=4", "queue.instance-id=overload-api",
				"upload.dir=${java.io.tmpdir}/reliability-overload-uploads" })
class OverloadTests {

	private static final int CONCURRENT = 100;

	private static ModelServiceProcess worker;

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisKeys keys;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
	}

	@BeforeAll
	static void startWorker() throws IOException {
		worker = ModelServiceProcess.start("overload-model", RedisServerExtension.endpoint());
	}

	@AfterAll
	static void stopWorker() {
		if (worker != null) {
			worker.stop();
		}
	}

	@Test
	void requestsBeyondTheQueueBoundAreRefusedFastAndTheAcceptedOnesAnswered() {
		worker.awaitReady(this.redis, this.keys, Duration.ofSeconds(180));
		RawHttp http = new RawHttp(this.port);
		List<byte[]> photos = photos(2 * CONCURRENT);
		// A first burst warms the request path (class loading, JIT of inspection and refusal), so the figures
		// describe the service rather than its first seconds. It must hold to the same rules.
		Burst warmUp = burst(http, photos.subList(0, CONCURRENT));
		Bursts.await("the worker has drained the queue", Duration.ofSeconds(60),
				() -> this.redis.opsForList().size(this.keys.jobQueue()) == 0);
		Burst measured = burst(http, photos.subList(CONCURRENT, 2 * CONCURRENT));

		List<Long> refusedMillis = measured.refused().stream().map(Exchange::millis).sorted().toList();
		ReliabilityReport.of("overload")
			.with("concurrent", CONCURRENT)
			.with("queueBound", 4)
			.with("accepted", measured.accepted().size())
			.with("refused503", measured.refused().size())
			.with("connectionErrors", measured.connectionErrors().size() + warmUp.connectionErrors().size())
			.with("refusedMedianMs", percentile(refusedMillis, 50))
			.with("refusedP95Ms", percentile(refusedMillis, 95))
			.with("refusedMaxMs", percentile(refusedMillis, 100))
			.print();

		for (Burst burst : List.of(warmUp, measured)) {
			assertThat(burst.connectionErrors()).as("requests without an HTTP answer").isEmpty();
			assertThat(burst.answers()).allSatisfy((answer) -> assertThat(answer.status()).isIn(200, 503));
			assertThat(burst.accepted()).as("accepted requests").hasSizeGreaterThanOrEqualTo(4)
				.allSatisfy((answer) -> assertThat(answer.json().get("predictions").get(0).get("index").asInt())
					.isEqualTo(HostileUploads.MALAMUTE));
			assertThat(burst.refused()).as("refused requests").hasSizeGreaterThanOrEqualTo(CONCURRENT / 2)
				.allSatisfy((answer) -> {
					assertThat(answer.retryAfter())
						.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 30));
					assertThat(answer.json().get("success").asBoolean(true)).isFalse();
					assertThat(answer.json().get("detail").asString()).contains("busy");
				});
		}
		assertThat(measured.refused()).allSatisfy(
				(answer) -> assertThat(answer.millis()).as("503 latency in ms").isLessThan(100));
	}

	private static Burst burst(RawHttp http, List<byte[]> photos) {
		List<CompletableFuture<Exchange>> requests = new ArrayList<>();
		for (byte[] photo : photos) {
			requests.add(http.postFileAsync(photo, "overload.jpg", Duration.ofSeconds(60)));
		}
		List<Throwable> connectionErrors = new ArrayList<>();
		List<Exchange> answers = new ArrayList<>();
		for (CompletableFuture<Exchange> request : requests) {
			try {
				answers.add(request.join());
			}
			catch (CompletionException ex) {
				connectionErrors.add(ex.getCause());
			}
		}
		return new Burst(answers, connectionErrors);
	}

	/** The answers to one burst of simultaneous requests, and the requests that got none. */
	private record Burst(List<Exchange> answers, List<Throwable> connectionErrors) {

		List<Exchange> accepted() {
			return this.answers.stream().filter((answer) -> answer.status() == 200).toList();
		}

		List<Exchange> refused() {
			return this.answers.stream().filter((answer) -> answer.status() == 503).toList();
		}

	}

	private static long percentile(List<Long> sorted, int percent) {
		if (sorted.isEmpty()) {
			return -1;
		}
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * percent / 100.0) - 1));
	}

	/** Small (320 px) distinct photos: the test is about the request path, not the size of uploads. */
	private static List<byte[]> photos(int count) {
		DogVariants variants = new DogVariants(320);
		List<byte[]> photos = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			photos.add(variants.next());
		}
		return photos;
	}

}
