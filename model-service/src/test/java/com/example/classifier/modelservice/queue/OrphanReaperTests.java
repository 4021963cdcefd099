package com.example.classifier.modelservice.queue;

import java.time.Duration;
import java.util.List;

import com.example.classifier.common.ClassificationJob;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.ModelName;
import com.example.classifier.common.test.JobLists;
import com.example.classifier.common.test.RealRedisTests;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.test.autoconfigure.DataRedisTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** Recovery of jobs held by dead workers, on a real redis-server. */
@DataRedisTest(properties = { "worker.id=reaper-under-test", "worker.max-attempts=3", "queue.max-dead-letters=2" })
@Import({ OrphanReaper.class, DeadLetters.class, QueueConfiguration.class })
@EnableConfigurationProperties({ QueueProperties.class, WorkerProperties.class })
class OrphanReaperTests extends RealRedisTests {

	@Autowired
	OrphanReaper reaper;

	@Autowired
	JobCodec codec;

	@Test
	void requeuesTheJobsOfADeadWorkerAtTheHeadOfTheQueueInOrder() {
		JobLists.push(this.redis, this.keys.jobQueue(), this.codec.writeJob(job("newer", 0)));
		JobLists.push(this.redis, this.keys.processing("dead"), this.codec.writeJob(job("a", 0)),
				this.codec.writeJob(job("b", 1)));

		this.reaper.reap();

		List<ClassificationJob> queued = JobLists.range(this.redis, this.keys.jobQueue())
			.stream()
			.map(this.codec::readJob)
			.toList();
		assertThat(queued).extracting(ClassificationJob::id).containsExactly("a", "b", "newer");
		assertThat(queued).extracting(ClassificationJob::attempt).containsExactly(1, 2, 0);
		assertThat(queued.get(0).imageSha256()).isEqualTo("sha-a");
		assertThat(this.redis.hasKey(this.keys.processing("dead"))).isFalse();
	}

	@Test
	void eachJobGoesBackToTheQueueOfItsOwnModel() {
		ModelName other = ModelName.of("mobilenetv2-int8");
		JobLists.push(this.redis, this.keys.processing("dead"), this.codec.writeJob(job("old-api", 0)),
				this.codec.writeJob(job("other", 0, other.value())),
				this.codec.writeJob(job("named-default", 0, this.keys.defaultModel().value())));

		this.reaper.reap();

		assertThat(JobLists.range(this.redis, this.keys.jobQueue())).map(this.codec::readJob)
			.extracting(ClassificationJob::id)
			.containsExactly("old-api", "named-default");
		assertThat(JobLists.range(this.redis, this.keys.jobQueue(other))).map(this.codec::readJob)
			.singleElement()
			.satisfies((job) -> {
				assertThat(job.id()).isEqualTo("other");
				assertThat(job.model()).isEqualTo(other.value());
				assertThat(job.attempt()).isEqualTo(1);
			});
	}

	@Test
	void leavesTheJobsOfLiveWorkersAndItsOwnAlone() {
		this.redis.opsForValue().set(this.keys.workerHeartbeat("alive"), "1", Duration.ofSeconds(10));
		JobLists.push(this.redis, this.keys.processing("alive"), this.codec.writeJob(job("x", 0)));
		JobLists.push(this.redis, this.keys.processing("reaper-under-test"), this.codec.writeJob(job("y", 0)));

		this.reaper.reap();

		assertThat(this.redis.opsForList().size(this.keys.processing("alive"))).isEqualTo(1);
		assertThat(this.redis.opsForList().size(this.keys.processing("reaper-under-test"))).isEqualTo(1);
		assertThat(this.redis.opsForList().size(this.keys.jobQueue())).isZero();
	}

	@Test
	void aJobThatKeepsKillingWorkersBecomesADeadLetterAndItsCallerIsTold() {
		JobLists.push(this.redis, this.keys.processing("dead"), this.codec.writeJob(job("poison", 2)));

		this.reaper.reap();

		assertThat(this.redis.opsForList().size(this.keys.jobQueue())).isZero();
		assertThat(this.redis.opsForList().size(this.keys.deadLetters())).isEqualTo(1);
		String reply = this.redis.opsForList().leftPop(this.keys.replies("api-1"));
		ClassificationResult result = this.codec.readResult(reply);
		assertThat(result.jobId()).isEqualTo("poison");
		assertThat(result.status()).isEqualTo(ClassificationResult.Status.FAILED);
		assertThat(result.error()).contains("3 workers");
		assertThat(this.redis.opsForValue().get(this.keys.result("poison"))).isEqualTo(reply);
	}

	@Test
	void deadLettersSetAsideByTheReaperKeepTheListAtItsCap() {
		JobLists.push(this.redis, this.keys.deadLetters(), "old-1".getBytes(), "old-2".getBytes());
		JobLists.push(this.redis, this.keys.processing("dead"), this.codec.writeJob(job("poison", 2)));

		this.reaper.reap();

		List<byte[]> deadLetters = JobLists.range(this.redis, this.keys.deadLetters());
		assertThat(deadLetters).hasSize(2);
		assertThat(new String(deadLetters.get(0))).isEqualTo("old-2");
		assertThat(this.codec.readJob(deadLetters.get(1)).id()).isEqualTo("poison");
	}

	private ClassificationJob job(String id, int attempt) {
		return job(id, attempt, null);
	}

	private ClassificationJob job(String id, int attempt, String model) {
		long now = System.currentTimeMillis();
		return new ClassificationJob(id, "sha-" + id, null, this.keys.replies("api-1"), now,
				now + 60_000, attempt, model);
	}

}
