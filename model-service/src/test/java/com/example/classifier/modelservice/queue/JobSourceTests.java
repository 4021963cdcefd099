package com.example.classifier.modelservice.queue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.example.classifier.common.ClassificationJob;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.Prediction;
import com.example.classifier.common.test.JobLists;
import com.example.classifier.common.test.RealRedisTests;
import com.example.classifier.modelservice.image.DecodeBudget;
import com.example.classifier.modelservice.image.PreparedImage;
import com.example.classifier.modelservice.model.ImageClassifier;
import com.example.classifier.modelservice.model.ServedModel;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.test.autoconfigure.DataRedisTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Taking batches on a real redis-server: what is waiting, in one round trip, and what arrives within max-wait. */
@DataRedisTest(properties = { "worker.id=source-under-test", "worker.max-batch=4" })
@Import({ QueueConfiguration.class, JobInputs.class })
@EnableConfigurationProperties({ QueueProperties.class, WorkerProperties.class })
class JobSourceTests extends RealRedisTests {

	private static final String MODEL = "model@1";

	@Autowired
	RedisConnectionFactory connections;

	@Autowired
	JobCodec codec;

	@Autowired
	JobInputs inputs;

	@Autowired
	QueueProperties queue;

	@Autowired
	WorkerProperties worker;

	@Test
	void takesTheJobsWaitingUpToTheBatchSizeAndTheFirstJobsImageWithIt() {
		JobLists.enqueue(this.redis, this.keys, this.codec, job("a"), job("b"), job("c"), job("d"), job("e"));
		this.redis.opsForValue().set(this.keys.cachedResult(MODEL, "sha-a"), "{\"cached\":true}");

		List<TakenJob> batch = take(source(this.worker));

		assertThat(batch).extracting((taken) -> taken.job().id()).containsExactly("a", "b", "c", "d");
		assertThat(batch.get(0).inputs().image()).isEqualTo("image of a".getBytes());
		assertThat(batch.get(0).inputs().cachedResult()).isEqualTo("{\"cached\":true}");
		assertThat(batch.subList(1, 4)).allSatisfy((taken) -> assertThat(taken.inputs()).isNull());
		assertThat(this.inputs.fetch(MODEL, batch)).extracting(JobInputs.Input::image)
			.containsExactly("image of a".getBytes(), "image of b".getBytes(), "image of c".getBytes(),
					"image of d".getBytes());
		assertThat(JobLists.range(this.redis, this.keys.processing("source-under-test"))).hasSize(4);
		assertThat(JobLists.range(this.redis, this.keys.jobQueue())).hasSize(1);
	}

	@Test
	void withoutMaxWaitALoneJobIsTakenAlone() {
		JobLists.enqueue(this.redis, this.keys, this.codec, job("alone"));

		assertThat(take(source(this.worker))).extracting((taken) -> taken.job().id()).containsExactly("alone");
	}

	@Test
	void withMaxWaitAJobArrivingSoonAfterJoinsTheBatch() throws Exception {
		WorkerProperties w = this.worker;
		WorkerProperties waiting = new WorkerProperties(w.id(), w.threads(), w.maxBatch(), Duration.ofMillis(1500),
				w.heartbeatInterval(), w.heartbeatTtl(), w.aliveFile(), w.reapInterval(), w.maxAttempts(),
				w.takeJustInTime());
		JobLists.enqueue(this.redis, this.keys, this.codec, job("first"));
		CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
			sleep(200);
			JobLists.enqueue(this.redis, this.keys, this.codec, job("later"));
		});

		List<TakenJob> batch = take(source(waiting));

		later.get(5, TimeUnit.SECONDS);
		assertThat(batch).extracting((taken) -> taken.job().id()).containsExactly("first", "later");
	}

	private JobSource source(WorkerProperties properties) {
		return new JobSource(this.keys, this.codec, this.inputs, new NamedModel(), this.queue, properties,
				new ServedModel(this.keys.defaultModel()));
	}

	private List<TakenJob> take(JobSource source) {
		try (RedisConnection connection = this.connections.getConnection()) {
			return source.take(connection);
		}
	}

	private static ClassificationJob job(String id) {
		long now = System.currentTimeMillis();
		return new ClassificationJob(id, "sha-" + id, ("image of " + id).getBytes(), "classifier:replies:test", now,
				now + 60_000, 0);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Only the model id matters when taking jobs: it names the cached answers. */
	private static final class NamedModel implements ImageClassifier {

		@Override
		public String modelId() {
			return MODEL;
		}

		@Override
		public PreparedImage prepare(byte[] imageBytes, DecodeBudget budget) {
			throw new UnsupportedOperationException();
		}

		@Override
		public List<List<Prediction>> classify(List<PreparedImage> batch) {
			throw new UnsupportedOperationException();
		}

	}

}
