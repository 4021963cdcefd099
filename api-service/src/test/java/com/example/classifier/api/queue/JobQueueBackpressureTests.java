package com.example.classifier.api.queue;

import com.example.classifier.common.test.RealRedisTests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.test.autoconfigure.DataRedisTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The queue bound on a real redis-server: jobs beyond it are refused at once and never reach the list. */
@DataRedisTest(properties = { "queue.max-depth=3", "queue.min-depth=3", "queue.instance-id=api-bp" })
@Import({ JobQueue.class, PendingReplies.class, QueueConfiguration.class, ModelQueues.class, LiveModels.class,
		SimpleMeterRegistry.class })
@EnableConfigurationProperties(QueueProperties.class)
class JobQueueBackpressureTests extends RealRedisTests {

	@Autowired
	JobQueue queue;

	@Autowired
	PendingReplies pending;

	@Test
	void refusesJobsBeyondTheBoundWithARetryAfter() {
		for (int i = 0; i < 3; i++) {
			this.queue.submit(new byte[] { (byte) i }, "s" + i, this.keys.defaultModel());
		}
		int waitingBefore = this.pending.size();

		assertThatThrownBy(() -> this.queue.submit(new byte[] { 9 }, "s9", this.keys.defaultModel()))
			.isInstanceOfSatisfying(QueueFullException.class, (ex) -> {
				assertThat(ex.retryAfter().toSeconds()).isBetween(1L, 30L);
				assertThat(ex.getMessage()).contains("3 jobs waiting");
			});
		assertThat(this.redis.opsForList().size(this.keys.jobQueue())).isEqualTo(3);
		assertThat(this.pending.size()).isEqualTo(waitingBefore);
		assertThat(this.redis.opsForValue().get(this.keys.enqueuedCount(this.keys.defaultModel())))
			.as("jobs ever queued, the refused one not counted")
			.isEqualTo("3");
		// The image goes to Redis just before the bounded enqueue (same pipeline): a refused job's is deleted again.
		assertThat(this.redis.keys(this.keys.image("*"))).as("images: those of the three jobs queued").hasSize(3);
	}

	@Test
	void aQueueFilledByOthersIsNoticedByTheEnqueueThenRefusedBeforeTheUploadIsStored() {
		this.queue.submit(new byte[] { 1 }, "s1", this.keys.defaultModel());
		this.queue.admit(this.keys.defaultModel());
		// Other api instances fill the queue: this one last saw one job waiting, so it lets the next upload through...
		this.redis.opsForList().rightPushAll(this.keys.jobQueue(), "{}", "{}");
		this.queue.admit(this.keys.defaultModel());
		// ...and the bounded enqueue refuses it, which this instance now knows.
		assertThatThrownBy(() -> this.queue.submit(new byte[] { 2 }, "s2", this.keys.defaultModel())).isInstanceOf(QueueFullException.class);
		assertThatThrownBy(() -> this.queue.admit(this.keys.defaultModel())).isInstanceOf(QueueFullException.class);

		// Once workers drain the queue, the next admission asks Redis again and lets uploads through.
		this.redis.delete(this.keys.jobQueue());
		this.queue.admit(this.keys.defaultModel());
		this.queue.submit(new byte[] { 3 }, "s3", this.keys.defaultModel());
		assertThat(this.redis.opsForList().size(this.keys.jobQueue())).isEqualTo(1);
	}

	@Test
	void uploadsBeingReadTakePlacesInTheQueueUntilQueuedOrGivenUp() {
		this.queue.submit(new byte[] { 1 }, "s1", this.keys.defaultModel());
		UploadPlace first = this.queue.reserveUpload(this.keys.defaultModel());
		UploadPlace second = this.queue.reserveUpload(this.keys.defaultModel());

		// One job waits and two uploads are on their way: a third would not fit, though the queue holds only one.
		assertThatThrownBy(() -> this.queue.reserveUpload(this.keys.defaultModel()))
			.isInstanceOfSatisfying(QueueFullException.class, (ex) -> assertThat(ex.getMessage()).contains("3 jobs"));

		// Released twice (queued, then the request completed): one place comes back, not two.
		first.release();
		first.release();
		UploadPlace third = this.queue.reserveUpload(this.keys.defaultModel());
		assertThatThrownBy(() -> this.queue.reserveUpload(this.keys.defaultModel())).isInstanceOf(QueueFullException.class);

		second.release();
		third.release();
		this.queue.reserveUpload(this.keys.defaultModel()).release();
	}

}
