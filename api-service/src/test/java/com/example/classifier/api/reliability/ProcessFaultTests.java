package com.example.classifier.api.reliability;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.example.classifier.api.ApiServiceApplication;
import com.example.classifier.api.reliability.RawHttp.Exchange;
import com.example.classifier.api.system.ModelServiceProcess;
import com.example.classifier.common.ClassificationJob;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.JobLists;
import com.example.classifier.common.test.RedisServerExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Processes that die or are stopped in the middle of work, on real parts: three model-service processes on one real
 * Redis, the api-service on a real port. Each test picks its own victim, so they run in any order; the survivor is
 * there for all of them.
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "queue.request-timeout=60s", "queue.instance-id=faults-api",
				"upload.dir=${java.io.tmpdir}/reliability-faults-uploads" })
class ProcessFaultTests {

	private static final String SURVIVOR = "survivor";

	private static final String CRASH_VICTIM = "crash-victim";

	private static final String STOP_VICTIM = "stop-victim";

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

	private static ModelServiceProcess survivor;

	private static ModelServiceProcess crashVictim;

	private static ModelServiceProcess stopVictim;

	private static boolean ready;

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisKeys keys;

	@Autowired
	JobCodec codec;

	private RawHttp http;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
	}

	@BeforeAll
	static void startWorkers() throws IOException {
		var redis = RedisServerExtension.endpoint();
		// Small batches, so a burst keeps every worker busy with several batches. The survivor looks for orphans
		// every half second; the crash victim's heartbeat lapses 2 s after it dies.
		survivor = ModelServiceProcess.start(SURVIVOR, redis, "--worker.max-batch=4", "--worker.reap-interval=500ms");
		crashVictim = ModelServiceProcess.start(CRASH_VICTIM, redis, "--worker.max-batch=4",
				"--worker.heartbeat-interval=500ms", "--worker.heartbeat-ttl=2s");
		stopVictim = ModelServiceProcess.start(STOP_VICTIM, redis, "--worker.max-batch=4");
	}

	@AfterAll
	static void stopWorkers() {
		for (ModelServiceProcess worker : new ModelServiceProcess[] { survivor, crashVictim, stopVictim }) {
			if (worker != null) {
				worker.close();
			}
		}
	}

	@BeforeEach
	void awaitWorkers() {
		this.http = new RawHttp(this.port);
		if (!ready) {
			for (ModelServiceProcess worker : List.of(survivor, crashVictim, stopVictim)) {
				worker.awaitReady(this.redis, this.keys, Duration.ofSeconds(180));
			}
			ready = true;
		}
	}

	@Test
	void aWorkerKilledMidBatchLosesNoJobAndNoCallerIsAnsweredTwice() throws Exception {
		int submitted = 16;
		try (ReplyCounter replies = new ReplyCounter(RedisServerExtension.endpoint(),
				this.keys.replies("faults-api"))) {
			List<CompletableFuture<Exchange>> burst = Bursts.dogs(this.http, submitted, REQUEST_TIMEOUT);
			Map<String, Long> answeredAt = new ConcurrentHashMap<>();
			List<CompletableFuture<Void>> timed = burst.stream()
				.map((request) -> request.thenAccept((answer) -> answeredAt
					.put(answer.json().get("jobId").asString(), System.nanoTime())))
				.toList();
			// Killed with a batch in hand (two jobs or more), not between batches.
			Bursts.await("the crash victim holds a batch", Duration.ofSeconds(30),
					() -> this.redis.opsForList().size(this.keys.processing(CRASH_VICTIM)) > 1);

			crashVictim.kill();
			long killedAt = System.nanoTime();
			// The process is gone: what its processing list holds now is exactly what it died with.
			Set<String> orphans = jobIds(JobLists.range(this.redis, this.keys.processing(CRASH_VICTIM)));
			Bursts.await("the reaper has requeued the victim's jobs", Duration.ofSeconds(30),
					() -> !Boolean.TRUE.equals(this.redis.hasKey(this.keys.processing(CRASH_VICTIM))));
			long requeuedAt = System.nanoTime();
			List<Exchange> answers = Bursts.join(burst);
			CompletableFuture.allOf(timed.toArray(CompletableFuture[]::new)).join();
			awaitIdleQueue();
			// Any late duplicate answer would have been pushed by now: the queue and every worker's hands are empty.
			Thread.sleep(1000);

			assertThat(orphans).as("jobs the victim died with").isNotEmpty();
			assertThat(answers).allSatisfy((answer) -> {
				assertThat(answer.status()).as(new String(answer.body())).isEqualTo(200);
				assertThat(answer.json().get("predictions").get(0).get("index").asInt())
					.isEqualTo(HostileUploads.MALAMUTE);
			});
			Set<String> answered = new HashSet<>(answers.stream().map((a) -> a.json().get("jobId").asString()).toList());
			assertThat(answered).hasSize(submitted).containsAll(orphans);
			for (String orphan : orphans) {
				assertThat(answeredBy(orphan)).as("worker that answered orphan %s", orphan)
					.isIn(SURVIVOR, STOP_VICTIM);
			}
			assertThat(replies.pushes()).as("answers pushed to the caller").isEqualTo(submitted);
			long orphansAnsweredAt = orphans.stream().mapToLong(answeredAt::get).max().orElseThrow();
			ReliabilityReport.of("kill-9")
				.with("submitted", submitted)
				.with("answered", answered.size())
				.with("lost", submitted - answered.size())
				.with("repliesPushed", replies.pushes())
				.with("orphansRequeued", orphans.size())
				.with("killToRequeuedMs", (requeuedAt - killedAt) / 1_000_000)
				.with("killToOrphansAnsweredMs", (orphansAnsweredAt - killedAt) / 1_000_000)
				.print();
		}
	}

	@Test
	void aWorkerStoppedMidBatchAnswersTheJobsInItsHands() {
		int submitted = 12;
		List<CompletableFuture<Exchange>> burst = Bursts.dogs(this.http, submitted, REQUEST_TIMEOUT);
		Bursts.await("the stop victim holds a batch", Duration.ofSeconds(30),
				() -> this.redis.opsForList().size(this.keys.processing(STOP_VICTIM)) > 1);
		Set<String> inHand = jobIds(JobLists.range(this.redis, this.keys.processing(STOP_VICTIM)));

		long stopping = System.nanoTime();
		stopVictim.stop();
		long exitMillis = (System.nanoTime() - stopping) / 1_000_000;
		List<Exchange> answers = Bursts.join(burst);

		assertThat(stopVictim.isAlive()).isFalse();
		// Printed only when every pipeline thread ended within the stop timeout; otherwise JobWorker says which did not.
		assertThat(stopVictim.logText()).contains("batches in hand were finished").doesNotContain("were not finished");
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(200));
		assertThat(inHand).isNotEmpty();
		for (String job : inHand) {
			assertThat(answeredBy(job)).as("worker that answered job %s held at SIGTERM", job).isEqualTo(STOP_VICTIM);
		}
		assertThat(this.redis.opsForList().size(this.keys.processing(STOP_VICTIM))).isZero();
		ReliabilityReport.of("sigterm-worker")
			.with("submitted", submitted)
			.with("answered", answers.stream().filter((a) -> a.status() == 200).count())
			.with("inHandAtSigterm", inHand.size())
			.with("exitMs", exitMillis)
			.print();
	}

	@Test
	void anApiStoppedWithRequestsInFlightAnswersThemBeforeExiting() throws Exception {
		int submitted = 12;
		ConfigurableApplicationContext draining = new SpringApplicationBuilder(ApiServiceApplication.class).run(
				"--server.port=0", "--spring.data.redis.host=" + RedisServerExtension.endpoint().host(),
				"--spring.data.redis.port=" + RedisServerExtension.endpoint().port(),
				"--queue.instance-id=draining-api", "--queue.request-timeout=60s",
				"--upload.dir=" + Files.createTempDirectory("draining-uploads"),
				// Bounds the test if draining hangs: it then fails rather than waits on.
				"--spring.lifecycle.timeout-per-shutdown-phase=40s");
		int drainingPort = ((WebServerApplicationContext) draining).getWebServer().getPort();
		MeterRegistry meters = draining.getBean(MeterRegistry.class);
		RawHttp drainingHttp = new RawHttp(drainingPort);
		List<CompletableFuture<Exchange>> burst = Bursts.dogs(drainingHttp, submitted, REQUEST_TIMEOUT);
		// The whole burst must have reached the api before it stops: a request still on its way is refused with the
		// connection (Tomcat stops reading new requests), which is the "new connections are refused" half of the
		// promise, not the half under test. Some of it still waiting for answers is the drain under test.
		Bursts.await("the whole burst reached the api and part of it waits for answers", Duration.ofSeconds(30),
				() -> waiting(meters) + answered(meters) >= submitted && waiting(meters) >= 1);
		double waitingAtStop = waiting(meters);

		long stopping = System.nanoTime();
		CompletableFuture<Void> closed = CompletableFuture.runAsync(draining::close);
		Bursts.await("the api stops accepting", Duration.ofSeconds(10), () -> !accepts(drainingPort));
		Throwable refused = catchThrowable(() -> freshClientPost(drainingPort));
		closed.get(50, TimeUnit.SECONDS);
		long drainMillis = (System.nanoTime() - stopping) / 1_000_000;
		List<Exchange> answers = Bursts.join(burst);

		assertThat(refused).as("a request after the stop began").isInstanceOf(ConnectException.class);
		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.status()).as(new String(answer.body())).isEqualTo(200);
			assertThat(answer.json().get("predictions").get(0).get("index").asInt()).isEqualTo(HostileUploads.MALAMUTE);
		});
		ReliabilityReport.of("api-drain")
			.with("inFlightAtStop", (int) waitingAtStop)
			.with("answered", answers.stream().filter((a) -> a.status() == 200).count())
			.with("drainMs", drainMillis)
			.print();
	}

	private static double waiting(MeterRegistry meters) {
		return meters.get("classifier.requests.waiting").gauge().value();
	}

	/** Requests the api has finished, whatever their outcome. */
	private static long answered(MeterRegistry meters) {
		return meters.find("classifier.request.latency").timers().stream().mapToLong((timer) -> timer.count()).sum();
	}

	private Set<String> jobIds(List<byte[]> rawJobs) {
		Set<String> ids = new HashSet<>();
		for (byte[] raw : rawJobs) {
			ClassificationJob job = this.codec.readJob(raw);
			ids.add(job.id());
		}
		return ids;
	}

	private String answeredBy(String jobId) {
		String stored = this.redis.opsForValue().get(this.keys.result(jobId));
		assertThat(stored).as("stored result of %s", jobId).isNotNull();
		return this.codec.readResult(stored).worker();
	}

	private void awaitIdleQueue() {
		Bursts.await("the queue and every processing list are empty", Duration.ofSeconds(30), () -> {
			if (this.redis.opsForList().size(this.keys.jobQueue()) > 0) {
				return false;
			}
			for (String worker : List.of(SURVIVOR, CRASH_VICTIM, STOP_VICTIM)) {
				if (this.redis.opsForList().size(this.keys.processing(worker)) > 0) {
					return false;
				}
			}
			return true;
		});
	}

	private static boolean accepts(int port) {
		try (java.net.Socket socket = new java.net.Socket()) {
			socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void freshClientPost(int port) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/predict"))
			.timeout(Duration.ofSeconds(5))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), BodyHandlers.discarding());
	}

}
