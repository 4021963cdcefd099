package com.example.classifier.modelservice.queue;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.example.classifier.common.ClassificationJob;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.Hashes;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.WorkerAnnouncement;
import com.example.classifier.common.test.TestPhotos;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The test's side of the queue: jobs as the api makes them, photos the cache has not seen, and the answers. */
final class WorkerJobs {

	private WorkerJobs() {
	}

	static ClassificationJob job(byte[] image, String replyTo) {
		return job(image, replyTo, Duration.ofMinutes(1));
	}

	static ClassificationJob job(byte[] image, String replyTo, Duration timeout) {
		long now = System.currentTimeMillis();
		return new ClassificationJob(UUID.randomUUID().toString(), Hashes.sha256Hex(image), image, replyTo, now,
				now + timeout.toMillis(), 0);
	}

	/** The photo with one pixel changed: same class, new content hash, so the result cache cannot answer. */
	static byte[] variant(String name) {
		BufferedImage image = TestPhotos.read(name);
		image.setRGB(0, 0, (int) (Math.random() * 0xFFFFFF));
		return TestPhotos.encode(image, "png");
	}

	/** The worker's heartbeat announcement, once written (its first beat comes with the consumer loop). */
	static WorkerAnnouncement awaitAnnouncement(StringRedisTemplate redis, JobCodec codec, RedisKeys keys,
			String workerId) {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		String value;
		while ((value = redis.opsForValue().get(keys.workerHeartbeat(workerId))) == null) {
			assertThat(System.nanoTime()).as("heartbeat of %s in time", workerId).isLessThan(deadline);
			try {
				// Test only: waits for the worker's scheduled beat.
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		return codec.readAnnouncement(value, keys.defaultModel());
	}

	/** The next {@code count} answers on the reply list, waiting up to 90 s in all. */
	static List<ClassificationResult> awaitReplies(StringRedisTemplate redis, JobCodec codec, String replyTo,
			int count) {
		List<ClassificationResult> answers = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (answers.size() < count) {
			assertThat(System.nanoTime()).as("reply %d of %d in time", answers.size() + 1, count).isLessThan(deadline);
			// Each blocking pop stays well below the 5 s Redis command timeout.
			String json = redis.opsForList().leftPop(replyTo, Duration.ofSeconds(1));
			if (json != null) {
				answers.add(codec.readResult(json));
			}
		}
		return answers;
	}

}
