package com.example.classifier.api.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.example.classifier.api.reliability.HostileUploads.Upload;
import com.example.classifier.api.reliability.RawHttp.Exchange;
import com.example.classifier.api.system.ModelServiceProcess;
import com.example.classifier.common.ClassificationJob;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.Hashes;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.JobLists;
import com.example.classifier.common.test.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-upload corpus against the real api-service (real port, real Redis, one real model-service process):
 * every upload gets the right status and a problem detail a person can act on; names never reach the disk; a refused
 * upload adds no file and no byte to the upload directory; the heap does not keep what the corpus sent; and a stream
 * of good requests is answered all along.
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "queue.request-timeout=60s", "queue.instance-id=corpus-api" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusTests {

	private static final String HASH_NAME = "[0-9a-f]{64}\\.(jpg|png|gif|bmp|tif)";

	@TempDir
	static Path uploads;

	private static ModelServiceProcess worker;

	private static GoodTraffic traffic;

	private static long heapBefore;

	/** SHA-256 of every upload the test sent to be accepted (the good traffic's before it is sent). */
	private static final Set<String> acceptedHashes = ConcurrentHashMap.newKeySet();

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
	static void properties(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
		registry.add("upload.dir", () -> uploads.toString());
	}

	@BeforeAll
	static void startWorker() throws IOException {
		// Started before the Spring context loads, so the JVM and the model warm up meanwhile.
		worker = ModelServiceProcess.start("corpus-model", RedisServerExtension.endpoint());
	}

	@AfterAll
	static void stopWorker() {
		if (traffic != null) {
			traffic.stop();
		}
		if (worker != null) {
			worker.stop();
		}
	}

	@BeforeEach
	void startGoodTrafficOnce() {
		this.http = new RawHttp(this.port);
		if (traffic == null) {
			worker.awaitReady(this.redis, this.keys, Duration.ofSeconds(120));
			// One request first, so what the first request allocates for good is not counted as growth.
			assertThat(this.http.postFile(accepted(new DogVariants().next()), "warm-up.jpg").status()).isEqualTo(200);
			heapBefore = Heap.usedAfterGc();
			traffic = new GoodTraffic(this.http);
		}
	}

	static Stream<Upload> corpus() {
		return HostileUploads.corpus().stream();
	}

	static Stream<Upload> bombs() {
		return HostileUploads.bombs().stream();
	}

	@Order(1)
	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void eachUploadGetsTheRightAnswer(Upload upload) throws IOException {
		if (upload.status() == 200) {
			accepted(upload.bytes());
		}
		Stored before = othersStored();

		Exchange answer = this.http.postFile(upload.bytes(), upload.filename());

		assertThat(answer.status()).as(upload.description()).isEqualTo(upload.status());
		JsonNode body = answer.json();
		if (upload.status() == 200) {
			assertThat(body.get("success").asBoolean()).isTrue();
			if (upload.expectedClasses().length > 0) {
				assertThat(body.get("predictions").get(0).get("index").asInt()).as(upload.description() + ": " + body)
					.isIn(IntStream.of(upload.expectedClasses()).boxed().toList());
			}
			assertThat(body.get("filename").asString()).matches(Hashes.sha256Hex(upload.bytes()) + "\\.[a-z]+");
		}
		else {
			assertProblem(answer, upload.status(), upload.detailFragment());
			assertThat(othersStored()).as("files and bytes in the upload dir besides accepted uploads")
				.isEqualTo(before);
		}
	}

	@Order(2)
	@Test
	void aHundredMegabyteBodyGets413AndTheClientReadsIt() throws IOException {
		Stored before = othersStored();

		Exchange answer = this.http.postStreamedFile(100L * 1024 * 1024, "huge.jpg");

		assertProblem(answer, 413, "too large");
		assertThat(othersStored()).isEqualTo(before);
		ReliabilityReport.of("bad-input-100MB").with("status", answer.status()).with("ms", answer.millis()).print();
	}

	@Order(3)
	@ParameterizedTest(name = "file name {0}")
	@ValueSource(strings = { "../../../../../tmp/escaped.jpg", "..\\..\\..\\windows\\escaped.jpg", "/etc/passwd",
			"<img src=x onerror=alert(1)>.jpg", "dog .jpg.exe", "%2e%2e%2fencoded.jpg" })
	void aHostileFileNameNeverReachesTheDisk(String filename) throws IOException {
		byte[] photo = accepted(new DogVariants().next());

		Exchange answer = this.http.postFile(photo, filename);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("filename").asString()).isEqualTo(Hashes.sha256Hex(photo) + ".jpg");
		assertThat(Files.exists(uploads.resolve(Hashes.sha256Hex(photo) + ".jpg"))).isTrue();
		assertThat(Files.exists(Path.of("/tmp/escaped.jpg"))).isFalse();
		assertThat(Files.exists(uploads.getParent().resolve("escaped.jpg"))).isFalse();
	}

	@Order(4)
	@Test
	void aThreeHundredCharacterFileNameIsStoredUnderTheHash() {
		byte[] photo = accepted(new DogVariants().next());

		Exchange answer = this.http.postFile(photo, "d".repeat(296) + ".jpg");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("filename").asString()).isEqualTo(Hashes.sha256Hex(photo) + ".jpg");
	}

	@Order(5)
	@Test
	void aNulInTheFileNameIsRefusedWithAClearMessage() throws IOException {
		Stored before = othersStored();

		Exchange answer = this.http.postFile(new DogVariants().next(), "dog\0.jpg");

		assertProblem(answer, 400, "file name");
		assertThat(othersStored()).isEqualTo(before);
	}

	@Order(6)
	@Test
	void aMultipartRequestWithoutFileIsABadRequest() throws IOException {
		Stored before = othersStored();

		Exchange answer = this.http.post(RawHttp.multipart(RawHttp.fieldPart("comment", "no file here")));

		assertProblem(answer, 400, "'file'");
		assertThat(othersStored()).isEqualTo(before);
	}

	@Order(7)
	@Test
	void thousandsOfPartsAreRefused() throws IOException {
		byte[][] parts = new byte[5000][];
		for (int i = 0; i < parts.length; i++) {
			parts[i] = RawHttp.fieldPart("p" + i, "x");
		}

		Stored before = othersStored();

		Exchange answer = this.http.post(RawHttp.multipart(parts));

		assertProblem(answer, 413, "parts");
		assertThat(othersStored()).isEqualTo(before);
	}

	@Order(8)
	@Test
	void aBodyThatIsNotMultipartIsUnsupported() throws IOException {
		Stored before = othersStored();

		Exchange answer = this.http.postWithContentType("{\"file\":\"dog.jpg\"}".getBytes(), "application/json");

		assertProblem(answer, 415, "application/json");
		assertThat(othersStored()).isEqualTo(before);
	}

	@Order(9)
	@Test
	void aMultipartBodyCutOffBeforeItsEndIsABadRequest() throws IOException {
		byte[] whole = RawHttp.multipart(RawHttp.filePart("file", "dog.jpg", new DogVariants().next()));

		Stored before = othersStored();

		Exchange answer = this.http.post(java.util.Arrays.copyOf(whole, whole.length / 2));

		assertProblem(answer, 400, "multipart");
		assertThat(othersStored()).isEqualTo(before);
	}

	/**
	 * The same bytes straight into the queue, as if an api had not checked them: the worker's own checks answer the job
	 * as failed, naming the problem, and its consumer goes on (its liveness UP, the next photo answered in a second).
	 */
	@Order(10)
	@ParameterizedTest(name = "{0}")
	@MethodSource("bombs")
	void aBombQueuedPastTheApiIsAnsweredAsFailedByTheWorkerWhichAnswersTheNextPhotoWithinASecond(Upload bomb) {
		String replyTo = this.keys.replies("past-the-api-" + UUID.randomUUID());
		long now = System.currentTimeMillis();
		JobLists.enqueue(this.redis, this.keys, this.codec, new ClassificationJob(UUID.randomUUID().toString(),
				Hashes.sha256Hex(bomb.bytes()), bomb.bytes(), replyTo, now, now + 60_000, 0));

		ClassificationResult refused = awaitReply(replyTo);
		long sent = System.nanoTime();
		Exchange next = this.http.postFile(accepted(new DogVariants().next()), "after-bomb.jpg");
		long millis = (System.nanoTime() - sent) / 1_000_000;

		assertThat(refused.status()).isEqualTo(ClassificationResult.Status.FAILED);
		assertThat(refused.error()).as(bomb.description()).contains(bomb.detailFragment());
		assertThat(next.status()).isEqualTo(200);
		assertThat(next.json().get("predictions").get(0).get("label").asString()).isEqualTo("malamute");
		assertThat(millis).as("ms to answer the photo sent after the bomb").isLessThan(1000);
		assertThat(new RawHttp(worker.port()).getStatus("/actuator/health/liveness")).isEqualTo(200);
	}

	@Order(100)
	@Test
	void afterwardsOnlyHashNamedFilesRemainTheHeapIsFlatAndGoodRequestsWereAnsweredThroughout() throws IOException {
		List<Exchange> good = traffic.stop();
		Exchange after = this.http.postFile(accepted(new DogVariants().next()), "after.jpg");
		long heapAfter = Heap.usedAfterGc();
		List<Path> stored;
		try (Stream<Path> files = Files.list(uploads)) {
			stored = files.toList();
		}

		assertThat(good).as("good requests during the corpus").hasSizeGreaterThanOrEqualTo(5).allSatisfy((answer) -> {
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.json().get("predictions").get(0).get("index").asInt()).isEqualTo(HostileUploads.MALAMUTE);
		});
		assertThat(after.status()).isEqualTo(200);
		assertThat(othersStored()).as("files besides accepted uploads").isEqualTo(new Stored(0, 0));
		// No partial write left behind either: every file is a whole upload under its hash.
		assertThat(stored).isNotEmpty().allSatisfy((file) -> {
			assertThat(file.getFileName().toString()).matches(HASH_NAME);
			// The name is the content's hash: nothing else was ever written under it.
			assertThat(file.getFileName().toString()).startsWith(Hashes.sha256Hex(Files.readAllBytes(file)));
		});
		long growth = heapAfter - heapBefore;
		ReliabilityReport.of("bad-input")
			.with("corpus", HostileUploads.corpus().size() + 9)
			.with("goodDuring", good.size())
			.with("goodAnswered", good.stream().filter((answer) -> answer.status() == 200).count())
			.with("storedFiles", stored.size())
			.with("heapBeforeMB", Heap.megabytes(heapBefore))
			.with("heapAfterMB", Heap.megabytes(heapAfter))
			.print();
		assertThat(Heap.megabytes(growth)).as("heap growth in MB").isLessThan(64);
	}

	private ClassificationResult awaitReply(String replyTo) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			String json = this.redis.opsForList().leftPop(replyTo, Duration.ofSeconds(1));
			if (json != null) {
				return this.codec.readResult(json);
			}
		}
		throw new AssertionError("No answer on " + replyTo + " within 30 s");
	}

	private static byte[] accepted(byte[] upload) {
		acceptedHashes.add(Hashes.sha256Hex(upload));
		return upload;
	}

	/**
	 * Files in the upload directory other than those of uploads sent to be accepted, and their bytes: what a refused
	 * upload would have added. The good traffic keeps storing its own photos meanwhile, so partial writes (dot files,
	 * there for a millisecond) count only at the end, once it has stopped.
	 */
	private static Stored othersStored() throws IOException {
		try (Stream<Path> files = Files.list(uploads)) {
			List<Path> others = files.filter((file) -> {
				String name = file.getFileName().toString();
				return !name.startsWith(".") && !acceptedHashes.contains(name.substring(0, Math.max(0, name.indexOf('.'))));
			}).toList();
			long bytes = 0;
			for (Path file : others) {
				bytes += Files.size(file);
			}
			return new Stored(others.size(), bytes);
		}
	}

	/** A count of files and their bytes. */
	private record Stored(long files, long bytes) {
	}

	private static void assertProblem(Exchange answer, int status, String detailFragment) {
		assertThat(answer.status()).as("status of %s", answer.json()).isEqualTo(status);
		assertThat(answer.contentType()).hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode body = answer.json();
		assertThat(body.get("success").asBoolean(true)).isFalse();
		assertThat(body.get("status").asInt()).isEqualTo(status);
		assertThat(body.get("detail").asString()).containsIgnoringCase(detailFragment);
	}

	/** Good requests, one every 300 ms on their own thread, for as long as the corpus runs. */
	private static final class GoodTraffic {

		private final List<Exchange> answers = Collections.synchronizedList(new ArrayList<>());

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final Thread thread;

		GoodTraffic(RawHttp http) {
			DogVariants variants = new DogVariants();
			this.thread = new Thread(() -> {
				while (this.running.get()) {
					this.answers.add(http.postFile(accepted(variants.next()), "good.jpg"));
					try {
						Thread.sleep(300);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "good-traffic");
			this.thread.start();
		}

		List<Exchange> stop() {
			this.running.set(false);
			try {
				this.thread.join(Duration.ofSeconds(90).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return List.copyOf(this.answers);
		}

	}

}
