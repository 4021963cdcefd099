package com.example.classifier.modelservice.queue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.example.classifier.common.ClassificationJob;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.ClassificationResult.Status;
import com.example.classifier.common.Hashes;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.JobLists;
import com.example.classifier.common.test.RedisServerExtension;
import com.example.classifier.common.test.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker as deployed: the whole model-service on a real redis-server, real DL4J with the shared MobileNetV2; the
 * test plays the api-service by pushing jobs and reading its reply list.
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(properties = { "worker.max-batch=8", "worker.id=worker-under-test" })
class JobWorkerTests {

	private static final Map<String, Integer> EXPECTED = Map.of("dog.jpg", 249, "eagle.jpg", 22, "bird.bmp", 19,
			"cat.bmp", 285);

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisKeys keys;

	@Autowired
	JobCodec codec;

	@Autowired
	WorkerMetrics metrics;

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

	private List<ClassificationResult> awaitReplies(String replyTo, int count) {
		List<ClassificationResult> answers = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (answers.size() < count) {
			assertThat(System.nanoTime()).as("reply %d of %d in time", answers.size() + 1, count).isLessThan(deadline);
			// Each blocking pop stays well below the 5 s Redis command timeout.
			String json = this.redis.opsForList().leftPop(replyTo, Duration.ofSeconds(1));
			if (json != null) {
				answers.add(this.codec.readResult(json));
			}
		}
		return answers;
	}

	private static ClassificationJob job(byte[] image, String replyTo, Duration timeout) {
		long now = System.currentTimeMillis();
		return new ClassificationJob(UUID.randomUUID().toString(), Hashes.sha256Hex(image), image, replyTo, now,
				now + timeout.toMillis(), 0);
	}

	/** The photo with one pixel changed: same class, new content hash, so the result cache cannot answer. */
	private static byte[] variant(String name) {
		try {
			BufferedImage image = ImageIO.read(new ByteArrayInputStream(Fixtures.imageBytes(name)));
			image.setRGB(0, 0, (int) (Math.random() * 0xFFFFFF));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(image, "png", out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
