package com.example.classifier.modelservice.queue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.example.classifier.common.ClassificationJob;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.Prediction;
import com.example.classifier.common.test.RedisServer;
import com.example.classifier.common.test.JobLists;
import com.example.classifier.common.test.RealRedisTests;
import com.example.classifier.common.test.RedisServerExtension;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.test.autoconfigure.DataRedisTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** Answers on a real redis-server: delivered once, only by the worker holding the job, and through an outage. */
@DataRedisTest(properties = "worker.id=writer-under-test")
@Import({ ResultWriter.class, DeadLetters.class, QueueConfiguration.class })
@EnableConfigurationProperties({ QueueProperties.class, WorkerProperties.class })
class ResultWriterTests extends RealRedisTests {

	private static final String REPLIES = "classifier:replies:api-writer-test";

	@Autowired
	ResultWriter writer;

	@Autowired
	JobCodec codec;

	@Test
	void anAnswerWrittenTwiceReachesItsCallerOnce() {
		TakenJob taken = taken("twice");

		this.writer.answer(taken, result("twice"), true);
		this.writer.answer(taken, result("twice"), true);

		assertThat(this.redis.opsForList().size(REPLIES)).isEqualTo(1);
		assertThat(this.redis.opsForList().size(this.keys.processing("writer-under-test"))).isZero();
		assertThat(this.redis.hasKey(this.keys.result("twice"))).isTrue();
		assertThat(this.redis.hasKey(this.keys.image("twice"))).as("image kept after the answer").isFalse();
	}

	@Test
	void aJobTheReaperGaveToAnotherWorkerIsNotAnsweredByItsFormerHolder() {
		TakenJob taken = taken("reaped");
		// What the reaper does when this worker's heartbeat lapsed: the job leaves its list, back to the queue.
		this.redis.delete(this.keys.processing("writer-under-test"));
		JobLists.push(this.redis, this.keys.jobQueue(), taken.raw());

		this.writer.answer(taken, result("reaped"), true);

		assertThat(this.redis.opsForList().size(REPLIES)).isZero();
		assertThat(this.redis.hasKey(this.keys.result("reaped"))).isFalse();
		assertThat(this.redis.opsForList().size(this.keys.jobQueue())).isEqualTo(1);
		assertThat(this.redis.hasKey(this.keys.image("reaped"))).as("image left for the worker that runs it now")
			.isTrue();
	}

	@Test
	void aBatchsAnswersReachTheirCallersInOrderAndAJobReapedMeanwhileIsLeftToItsNewHolder() {
		TakenJob first = taken("batch-1");
		TakenJob reaped = taken("batch-2");
		TakenJob third = taken("batch-3");
		JobLists.remove(this.redis, this.keys.processing("writer-under-test"), reaped.raw());

		this.writer.answerAll(List.of(first, reaped, third),
				List.of(result("batch-1"), result("batch-2"), result("batch-3")), true);

		assertThat(this.redis.opsForList().range(REPLIES, 0, -1))
			.extracting((json) -> this.codec.readResult(json).jobId())
			.containsExactly("batch-1", "batch-3");
		assertThat(this.redis.opsForList().size(this.keys.processing("writer-under-test"))).isZero();
		assertThat(this.redis.hasKey(this.keys.image("batch-2"))).as("image left for its new holder").isTrue();
		assertThat(this.redis.hasKey(this.keys.image("batch-3"))).isFalse();
		assertThat(this.redis.hasKey(this.keys.cachedResult("model@1", "sha-batch-3"))).as("cached").isTrue();
	}

	@Test
	void anAnswerComputedDuringARedisOutageIsDeliveredWhenRedisReturns() throws Exception {
		TakenJob taken = taken("outage");
		RedisServer server = RedisServerExtension.process();
		server.stop();
		try {
			CompletableFuture<Void> answering = CompletableFuture
				.runAsync(() -> this.writer.answer(taken, result("outage"), true));
			// Redis stays away a while; the writer must neither give up nor return as if it had answered.
			Thread.sleep(1500);
			assertThat(answering).isNotDone();
			server.start();
			answering.get(10, TimeUnit.SECONDS);
		}
		finally {
			server.start();
		}

		assertThat(this.redis.opsForList().range(REPLIES, 0, -1)).hasSize(1)
			.allSatisfy((json) -> assertThat(this.codec.readResult(json).jobId()).isEqualTo("outage"));
	}

	private TakenJob taken(String id) {
		long now = System.currentTimeMillis();
		ClassificationJob job = new ClassificationJob(id, "sha-" + id, new byte[] { (byte) 0xFF, '\n', 1 }, REPLIES, now,
				now + 60_000, 0);
		byte[] raw = this.codec.writeJob(job);
		this.redis.opsForValue().set(this.keys.image(id), "image bytes");
		JobLists.push(this.redis, this.keys.processing("writer-under-test"), raw);
		return new TakenJob(raw, job);
	}

	private static ClassificationResult result(String id) {
		return ClassificationResult.ok(id, "model@1", List.of(new Prediction(249, "malamute", 0.8)), 10, 1,
				"writer-under-test");
	}

}
