package com.example.classifier.api.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.example.classifier.api.reliability.RawHttp.Exchange;
import com.example.classifier.api.reliability.RequestStream.Sent;
import com.example.classifier.api.system.ModelWorkers;
import com.example.classifier.api.system.ModelWorkersExtension;
import com.example.classifier.common.Hashes;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.JobLists;
import com.example.classifier.common.test.RedisServer;
import com.example.classifier.common.test.RedisServerExtension;
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
 * Redis stopped and started again under a stream of requests, with the api-service and a model-service running on
 * through it (neither is restarted). Requests during the gap are refused at once; requests accepted before it are
 * still answered; service resumes within seconds of Redis returning.
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "queue.instance-id=outage-api", "queue.request-timeout=60s",
				"upload.dir=${java.io.tmpdir}/reliability-outage-uploads" })
@ModelWorkers("outage-model")
class RedisOutageTests {

	private static final Duration OUTAGE = Duration.ofSeconds(4);

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

	/** Every element of the job list and the worker's processing list, concatenated. */
	private byte[] listElements() {
		java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
		for (String key : List.of(this.keys.jobQueue(), this.keys.processing("outage-model"))) {
			JobLists.range(this.redis, key).forEach(all::writeBytes);
		}
		return all.toByteArray();
	}

	@Test
	void requestsDuringARedisRestartFailFastAndServiceResumesWithinSeconds() throws Exception {
		RedisServer redisServer = RedisServerExtension.process();
		RawHttp http = new RawHttp(this.port);
		List<byte[]> photos = photos(4);
		for (byte[] photo : photos) {
			// Classified once now; in the stream the worker answers them from its result cache. Every request still
			// takes the whole Redis path (queue, processing list, answer script, reply list), but the figures measure
			// that path and not inference on a shared machine.
			assertThat(http.postFile(photo, "warm-up.jpg").status()).isEqualTo(200);
		}
		// Five requests a second, each waiting up to the api's request timeout and a little more.
		RequestStream stream = new RequestStream(http, photos, Duration.ofMillis(200), Duration.ofSeconds(70));
		assertThat(stream.awaitAnswer(0, (answer) -> answer.status() == 200, Duration.ofSeconds(60)))
			.as("the stream is answered before the outage")
			.isNotNull();

		// Three new photos (real inference, seconds on this machine) are queued or in the worker's hands when Redis
		// goes: accepted before the outage, they must be answered after it.
		List<CompletableFuture<Exchange>> inFlight = new ArrayList<>();
		List<String> inFlightHashes = new ArrayList<>();
		DogVariants fresh = new DogVariants(320);
		for (int i = 0; i < 3; i++) {
			byte[] photo = fresh.next();
			inFlightHashes.add(Hashes.sha256Hex(photo));
			inFlight.add(http.postFileAsync(photo, "in-flight.jpg", Duration.ofSeconds(70)));
		}
		// Each of the three by its own hash (the stream's jobs pass through the same lists): queued, taken, or
		// already answered. Counting list lengths raced the stream under load: two of the three were still on their
		// way, were refused when Redis went, and the test blamed the service.
		Bursts.await("the three new photos are queued or taken", Duration.ofSeconds(20), () -> {
			String lists = new String(listElements(), StandardCharsets.ISO_8859_1);
			for (int i = 0; i < inFlight.size(); i++) {
				if (!inFlight.get(i).isDone() && !lists.contains(inFlightHashes.get(i))) {
					return false;
				}
			}
			return true;
		});

		long stopping = System.nanoTime();
		redisServer.stop();
		long stopped = System.nanoTime();
		// The outage itself: Redis stays down this long while the stream goes on.
		Thread.sleep(OUTAGE.toMillis() / 2);
		int readinessDuringOutage = http.getStatus("/actuator/health/readiness");
		Thread.sleep(OUTAGE.toMillis() / 2);
		long restarting = System.nanoTime();
		redisServer.start();
		long restarted = System.nanoTime();
		Sent firstAfter = stream.awaitAnswer(restarted, (answer) -> answer.status() == 200, Duration.ofSeconds(20));
		long recoveredAt = (firstAfter != null) ? firstAfter.endedNanos() : System.nanoTime();
		// Keep the stream going a while after recovery: everything then must be plain success.
		Thread.sleep(2000);
		List<Sent> sent = stream.stop();
		List<Exchange> inFlightAnswers = Bursts.join(inFlight);

		List<Sent> duringGap = sent.stream()
			.filter((one) -> one.startedNanos() >= stopped && one.startedNanos() < restarting)
			.toList();
		List<Sent> afterRecovery = sent.stream().filter((one) -> one.startedNanos() > recoveredAt).toList();
		List<Sent> failedAfterAcceptance = sent.stream()
			.filter((one) -> one.status() != 200 && one.status() != 503)
			.toList();
		List<Long> gapMillis = new ArrayList<>(duringGap.stream().map(Sent::millis).sorted().toList());
		long recoveryMillis = (recoveredAt - restarted) / 1_000_000;
		ReliabilityReport.of("redis-outage")
			.with("requests", sent.size())
			.with("ok", sent.stream().filter((one) -> one.status() == 200).count())
			.with("refused503", sent.stream().filter((one) -> one.status() == 503).count())
			.with("lostOrErrors", failedAfterAcceptance.size())
			.with("inFlightAtStop", inFlight.size())
			.with("inFlightAnswered", inFlightAnswers.stream().filter((answer) -> answer.status() == 200).count())
			.with("outageMs", (restarted - stopping) / 1_000_000)
			.with("gap503Count", duringGap.size())
			.with("gap503MedianMs", gapMillis.isEmpty() ? -1 : gapMillis.get(gapMillis.size() / 2))
			.with("gap503MaxMs", gapMillis.isEmpty() ? -1 : gapMillis.get(gapMillis.size() - 1))
			.with("recoveryMs", recoveryMillis)
			.print();

		assertThat(sent).as("every request got an HTTP answer").allSatisfy((one) -> {
			assertThat(one.error()).isNull();
			assertThat(one.millis()).isLessThan(65_000);
		});
		assertThat(duringGap).as("requests during the gap").isNotEmpty().allSatisfy((one) -> {
			assertThat(one.status()).isEqualTo(503);
			assertThat(one.detail()).contains("queue is unavailable");
			assertThat(one.millis()).as("503 latency in ms").isLessThan(1000);
		});
		// A 503 is only ever the door refusing a job it could not queue (Redis gone, or the queue full while the
		// worker catches up); a queued job is never lost to the outage.
		assertThat(failedAfterAcceptance).as("requests neither answered nor refused at the door").isEmpty();
		assertThat(sent).filteredOn((one) -> one.status() == 503)
			.allSatisfy((one) -> assertThat(one.detail()).containsAnyOf("queue is unavailable", "busy"));
		assertThat(inFlightAnswers).as("requests accepted before the outage").allSatisfy((answer) -> {
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.json().get("predictions").get(0).get("index").asInt()).isEqualTo(HostileUploads.MALAMUTE);
		});
		assertThat(firstAfter).as("a request answered after Redis returned").isNotNull();
		assertThat(recoveryMillis).as("ms from Redis back to the first answered request").isLessThan(10_000);
		assertThat(afterRecovery).isNotEmpty().allSatisfy((one) -> assertThat(one.status()).isEqualTo(200));
		assertThat(readinessDuringOutage).as("api readiness while Redis is down").isEqualTo(503);
		assertThat(http.getStatus("/actuator/health/readiness")).as("api readiness after recovery").isEqualTo(200);
		assertThat(ModelWorkersExtension.worker().isAlive()).isTrue();
		assertThat(this.redis.hasKey(this.keys.workerHeartbeat("outage-model"))).isTrue();
	}

	private static List<byte[]> photos(int count) {
		DogVariants variants = new DogVariants();
		List<byte[]> photos = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			photos.add(variants.next());
		}
		return photos;
	}

}
