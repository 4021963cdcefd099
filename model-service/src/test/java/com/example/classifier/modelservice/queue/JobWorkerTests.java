package com.example.classifier.modelservice.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.example.classifier.common.ClassificationJob;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.ClassificationResult.Status;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.ModelName;
import com.example.classifier.common.WorkerAnnouncement;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.JobLists;
import com.example.classifier.common.test.RedisServerExtension;
import com.example.classifier.common.test.Fixtures;
import com.example.classifier.common.test.ImageBombs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The worker as deployed: the whole model-service on a real redis-server, real DL4J with the shared MobileNetV2; the
 * test plays the api-service by pushing jobs and reading its reply list.
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(properties = { "worker.max-batch=8", "worker.id=worker-under-test" })
class JobWorkerTests {

	private static final Map<String, Integer> EXPECTED = Fixtures.TOP1_CLASSES;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisKeys keys;

	@Autowired
	JobCodec codec;

	@Autowired
	WorkerMetrics metrics;

	@Autowired
	ApplicationAvailability availability;

	@Autowired
	ConsumerLiveness liveness;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
		registry.add("model.path", () -> Fixtures.model("mobilenetv2/mobilenetv2-float.h5").toString());
		registry.add("model.preprocessing", () -> "torch");
	}

	@Test
	void sixteenWaitingJobsAreServedInFewerEngineCallsAndEachGetsItsOwnAnswer() {
		String replyTo = this.keys.replies("api-" + UUID.randomUUID());
		List<String> names = new ArrayList<>();
		List<ClassificationJob> jobs = new ArrayList<>();
		Map<String, String> nameByJob = new HashMap<>();
		for (int i = 0; i < 16; i++) {
			String name = List.copyOf(EXPECTED.keySet()).get(i % 4);
			ClassificationJob job = job(variant(name), replyTo, Duration.ofMinutes(2));
			names.add(name);
			jobs.add(job);
			nameByJob.put(job.id(), name);
		}
		long batchesBefore = this.metrics.batches();

		// One RPUSH: all sixteen are waiting at once, as under a burst of concurrent requests.
		JobLists.enqueue(this.redis, this.keys, this.codec, jobs.toArray(ClassificationJob[]::new));
		List<ClassificationResult> answers = awaitReplies(replyTo, 16);

		assertThat(answers).hasSize(16).allSatisfy((result) -> {
			assertThat(result.status()).isEqualTo(Status.OK);
			assertThat(result.top().index()).as(nameByJob.get(result.jobId()))
				.isEqualTo(EXPECTED.get(nameByJob.get(result.jobId())));
		});
		assertThat(answers).extracting(ClassificationResult::jobId).doesNotHaveDuplicates();
		assertThat(this.metrics.batches() - batchesBefore).isLessThan(16);
		assertThat(answers).anySatisfy((result) -> assertThat(result.batchSize()).isGreaterThan(1));
		assertThat(this.redis.opsForList().size(this.keys.processing("worker-under-test"))).isZero();
		assertThat(jobs).as("images left in Redis after their answers")
			.allSatisfy((job) -> assertThat(JobLists.image(this.redis, this.keys, job.id())).isNull());
	}

	@Test
	void aJobWhoseImageIsGoneIsAnsweredWithAClearError() {
		String replyTo = this.keys.replies("api-" + UUID.randomUUID());
		ClassificationJob job = job(variant("dog.jpg"), replyTo, Duration.ofMinutes(1));
		// The element without its image, as after the image's TTL ran out.
		JobLists.push(this.redis, this.keys.jobQueue(), this.codec.writeJob(job));

		ClassificationResult result = awaitReplies(replyTo, 1).get(0);

		assertThat(result.jobId()).isEqualTo(job.id());
		assertThat(result.status()).isEqualTo(Status.FAILED);
		assertThat(result.error()).contains("no longer available");
	}

	@Test
	void anUndecodableImageIsAnsweredWithAClearError() {
		String replyTo = this.keys.replies("api-" + UUID.randomUUID());
		byte[] truncated = java.util.Arrays.copyOf(Fixtures.imageBytes("dog.jpg"), 5000);
		JobLists.enqueue(this.redis, this.keys, this.codec, job(truncated, replyTo,
				Duration.ofMinutes(1)));

		ClassificationResult result = awaitReplies(replyTo, 1).get(0);

		assertThat(result.status()).isEqualTo(Status.FAILED);
		assertThat(result.error()).isNotBlank();
	}

	static Stream<Arguments> bombs() {
		return Stream.of(Arguments.of("the issue's TIFF declaring a strip of 0x7FFFFFFF bytes", ImageBombs.tiffStripBomb(),
				"strip of 2147483647 bytes at byte 122, beyond its 131 bytes"),
				Arguments.of("TIFF of 20000 × 20000 tiles", ImageBombs.tiffTileBomb(), "tiles are 20000 × 20000 pixels"),
				Arguments.of("BMP embedding a JPEG", ImageBombs.bmpEmbedding("jpeg"), "BMP files that embed a JPEG"),
				Arguments.of("BMP embedding a PNG", ImageBombs.bmpEmbedding("png"), "BMP files that embed a PNG"),
				Arguments.of("GIF declaring 40000 × 40000", ImageBombs.gifDeclaring(40_000, 40_000),
						"declares 40000 × 40000 pixels"),
				Arguments.of("JPEG of 200 000 scans", ImageBombs.progressiveJpeg(8, 200_000), "200010 scans"));
	}

	/** Jobs queued straight into Redis, as if the api had not checked them (or an api of another version had). */
	@ParameterizedTest(name = "{0}")
	@MethodSource("bombs")
	void aBombQueuedPastTheApiIsAnsweredAsFailedNamingTheProblemAndTheNextPhotoWithinASecond(String name, byte[] bomb,
			String problem) {
		String replyTo = this.keys.replies("api-" + UUID.randomUUID());
		JobLists.enqueue(this.redis, this.keys, this.codec, job(bomb, replyTo, Duration.ofMinutes(1)));

		ClassificationResult refused = awaitReplies(replyTo, 1).get(0);
		ClassificationJob good = job(variant("dog.jpg"), replyTo, Duration.ofMinutes(1));
		long sent = System.nanoTime();
		JobLists.enqueue(this.redis, this.keys, this.codec, good);
		ClassificationResult answered = awaitReplies(replyTo, 1).get(0);
		long millis = (System.nanoTime() - sent) / 1_000_000;

		assertThat(refused.status()).isEqualTo(Status.FAILED);
		assertThat(refused.error()).contains(problem);
		assertThat(answered.status()).isEqualTo(Status.OK);
		assertThat(answered.top().label()).isEqualTo("malamute");
		assertThat(millis).as("ms from queueing the good photo to its answer").isLessThan(1000);
		assertThat(this.liveness.isBroken()).isFalse();
		assertThat(this.availability.getLivenessState()).isEqualTo(LivenessState.CORRECT);
	}

	@Test
	void aBombInABatchFailsAloneAndTheOtherPhotosOfTheBatchAreAnswered() {
		String replyTo = this.keys.replies("api-" + UUID.randomUUID());
		ClassificationJob dog = job(variant("dog.jpg"), replyTo, Duration.ofMinutes(1));
		ClassificationJob bomb = job(ImageBombs.tiffStripBomb(), replyTo, Duration.ofMinutes(1));
		ClassificationJob eagle = job(variant("eagle.jpg"), replyTo, Duration.ofMinutes(1));

		JobLists.enqueue(this.redis, this.keys, this.codec, dog, bomb, eagle);
		Map<String, ClassificationResult> answers = new HashMap<>();
		awaitReplies(replyTo, 3).forEach((result) -> answers.put(result.jobId(), result));

		assertThat(answers.get(bomb.id()).status()).isEqualTo(Status.FAILED);
		assertThat(answers.get(dog.id()).top().index()).isEqualTo(249);
		assertThat(answers.get(eagle.id()).top().index()).isEqualTo(22);
		assertThat(answers.get(dog.id()).batchSize()).as("the good photos ran as one batch").isEqualTo(2);
	}

	@Test
	void aJobOfTheOutdatedFormatWithItsImageInlineIsAnsweredAsFailed() {
		String replyTo = this.keys.replies("api-" + UUID.randomUUID());
		ClassificationJob job = job(variant("dog.jpg"), replyTo, Duration.ofMinutes(1));
		// The element as api instances wrote it before 2026-11-28: every field, the image in base64 among them.
		JobLists.push(this.redis, this.keys.jobQueue(), JsonMapper.builder().build().writeValueAsBytes(job));

		ClassificationResult result = awaitReplies(replyTo, 1).get(0);

		assertThat(result.jobId()).isEqualTo(job.id());
		assertThat(result.status()).isEqualTo(Status.FAILED);
		assertThat(result.error()).contains("outdated job format");
		assertThat(this.redis.opsForList().size(this.keys.processing("worker-under-test"))).isZero();
	}

	@Test
	void theSameImageTwiceIsAnsweredFromTheCacheWithoutInference() {
		String replyTo = this.keys.replies("api-" + UUID.randomUUID());
		byte[] photo = variant("eagle.jpg");
		JobLists.enqueue(this.redis, this.keys, this.codec, job(photo, replyTo,
				Duration.ofMinutes(1)));
		ClassificationResult first = awaitReplies(replyTo, 1).get(0);
		long batchesBefore = this.metrics.batches();

		JobLists.enqueue(this.redis, this.keys, this.codec, job(photo, replyTo,
				Duration.ofMinutes(1)));
		ClassificationResult second = awaitReplies(replyTo, 1).get(0);

		assertThat(first.cached()).isFalse();
		assertThat(second.cached()).isTrue();
		assertThat(second.predictions()).isEqualTo(first.predictions());
		assertThat(this.metrics.batches()).isEqualTo(batchesBefore);
	}

	@Test
	void anExpiredJobIsDroppedUnanswered() {
		String replyTo = this.keys.replies("api-" + UUID.randomUUID());
		double expiredBefore = this.metrics.jobs(WorkerMetrics.Outcome.EXPIRED);
		JobLists.enqueue(this.redis, this.keys, this.codec, job(variant("cat.bmp"), replyTo,
				Duration.ofMillis(-1)));
		// A live job behind it: once it is answered, the expired one ahead of it has been handled.
		JobLists.enqueue(this.redis, this.keys, this.codec, job(variant("bird.bmp"), replyTo,
				Duration.ofMinutes(1)));

		List<ClassificationResult> answers = awaitReplies(replyTo, 1);

		assertThat(answers.get(0).top().index()).isEqualTo(19);
		assertThat(this.metrics.jobs(WorkerMetrics.Outcome.EXPIRED)).isEqualTo(expiredBefore + 1);
		assertThat(this.redis.opsForList().size(replyTo)).isZero();
	}

	@Test
	void itTakesOnlyItsOwnModelsJobsAndAnnouncesThatModelInItsHeartbeat() {
		String replyTo = this.keys.replies("api-" + UUID.randomUUID());
		ModelName other = ModelName.of("another-model");
		ClassificationJob forOther = job(variant("cat.bmp"), replyTo, Duration.ofMinutes(1));
		JobLists.push(this.redis, this.keys.jobQueue(other), this.codec.writeJob(forOther));
		JobLists.enqueue(this.redis, this.keys, this.codec, job(variant("dog.jpg"), replyTo, Duration.ofMinutes(1)));

		ClassificationResult answer = awaitReplies(replyTo, 1).get(0);
		WorkerAnnouncement announced = WorkerJobs.awaitAnnouncement(this.redis, this.codec, this.keys,
				"worker-under-test");

		assertThat(this.redis.opsForList().size(this.keys.jobQueue(other))).as("the other model's queue").isEqualTo(1);
		assertThat(announced.modelName()).isEqualTo(ModelName.of("mobilenetv2-float"))
			.isEqualTo(this.keys.defaultModel());
		assertThat(announced.modelId()).isEqualTo(answer.model());
		assertThat(announced.engine()).isEqualTo("dl4j");
		assertThat(announced.inputHeight()).isEqualTo(224);
		assertThat(announced.inputWidth()).isEqualTo(224);
		assertThat(announced.labels()).isEqualTo(1000);
		assertThat(announced.threads()).isEqualTo(1);
		assertThat(announced.timestampMillis()).isCloseTo(System.currentTimeMillis(), within(10_000L));
	}

	private List<ClassificationResult> awaitReplies(String replyTo, int count) {
		return WorkerJobs.awaitReplies(this.redis, this.codec, replyTo, count);
	}

	private static ClassificationJob job(byte[] image, String replyTo, Duration timeout) {
		return WorkerJobs.job(image, replyTo, timeout);
	}

	private static byte[] variant(String name) {
		return WorkerJobs.variant(name);
	}

}
