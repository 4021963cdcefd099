package com.example.classifier.api.queue;

import java.time.Duration;

import com.example.classifier.common.JobCodec;
import com.example.classifier.common.test.RealRedisTests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.data.redis.test.autoconfigure.DataRedisTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The once-a-second sample on a real redis-server, with two api instances: the drain rate counts the jobs every
 * instance queued, and an instance without answers of its own uses the batch time another one measured, so a new
 * instance behind a balancer admits jobs while the queue is fuller than the minimum (and so gets answers of its own).
 */
@DataRedisTest
@Import(QueueConfiguration.class)
class AdmissionSampleTests extends RealRedisTests {

	@Test
	void aNewInstanceUsesTheDrainAndBatchTimeTheOthersMeasuredAndAdmitsBeyondTheMinimum() {
		Instance old = new Instance();
		Instance fresh = new Instance();
		queued(0, 30);
		old.gauge.sample();
		fresh.gauge.sample();
		assertThat(fresh.admission.depthLimit()).as("nothing measured anywhere").isEqualTo(4);

		// The old instance has answers; 40 more jobs were queued (by anyone) and the queue still holds 30.
		old.serviceTime.record(AdmissionTests.answer(250));
		queued(40, 30);
		old.gauge.sample();
		assertThat(this.redis.getExpire(this.keys.sharedBatchMillis(this.keys.defaultModel()))).as("shared for s").isBetween(1L, 10L);
		fresh.gauge.sample();

		assertThat(fresh.serviceTime.ownSeconds()).isNaN();
		assertThat(fresh.serviceTime.seconds()).isEqualTo(0.25);
		assertThat(fresh.drain.perSecond()).as("40 taken between two samples").isPositive();
		assertThat(fresh.admission.depthLimit()).as("above the minimum, and above the 30 waiting").isGreaterThan(30);
	}

	@Test
	void anInstanceWithoutAnswersSharesNothingAndTheSharedTimeExpires() {
		Instance fresh = new Instance();
		fresh.gauge.sample();
		assertThat(this.redis.hasKey(this.keys.sharedBatchMillis(this.keys.defaultModel()))).isFalse();
		assertThat(fresh.serviceTime.seconds()).isNaN();
	}

	/** Jobs ever queued (as the bounded enqueue counts them) and the queue's length. */
	private void queued(long count, int depth) {
		this.redis.opsForValue().set(this.keys.enqueuedCount(this.keys.defaultModel()), String.valueOf(count));
		this.redis.delete(this.keys.jobQueue());
		for (int i = 0; i < depth; i++) {
			this.redis.opsForList().rightPush(this.keys.jobQueue(), "{}");
		}
	}

	/** One api instance's admission, meters and sampler, on the shared Redis. */
	private final class Instance {

		final ModelQueues queues = new ModelQueues(AdmissionSampleTests.this.keys,
				AdmissionTests.properties(1000, 4, Duration.ofMillis(250), Duration.ofSeconds(2)),
				new SimpleMeterRegistry(), AdmissionSampleTests.this.redis);

		final ModelQueue queue = this.queues.of(AdmissionSampleTests.this.keys.defaultModel());

		final DrainMeter drain = this.queue.drain();

		final ServiceTimeMeter serviceTime = this.queue.serviceTime();

		final Admission admission = this.queue.admission();

		final QueueDepthGauge gauge = new QueueDepthGauge(AdmissionSampleTests.this.redis, this.queues,
				new LiveModels(AdmissionSampleTests.this.redis, AdmissionSampleTests.this.keys, new JobCodec(),
						this.queues),
				new PendingReplies(), new SimpleMeterRegistry());

	}

}
