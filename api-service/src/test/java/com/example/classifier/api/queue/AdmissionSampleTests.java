package com.example.classifier.api.queue;

import java.time.Duration;

import com.example.classifier.api.models.Heartbeats;
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

	@Test
	void withoutMinDepthTheBoundFollowsWhatTheLiveWorkersSayTheyTakeAtOnce() {
		Instance api = new Instance(AdmissionTests.properties(1000, null, Duration.ofMillis(250), Duration.ofSeconds(2)));
		assertThat(api.admission.depthLimit()).as("no worker has said: 16").isEqualTo(16);

		Heartbeats heartbeats = new Heartbeats(this.redis, this.keys, new JobCodec());
		heartbeats.announce("worker-1", this.keys.defaultModel().value(), 1, 8);
		heartbeats.announce("worker-2", this.keys.defaultModel().value(), 2, 4);
		api.gauge.sample();
		assertThat(api.admission.depthLimit()).as("nothing measured: two batches for each, 2 x (8 + 2 x 4)")
			.isEqualTo(32);

		// Measured: 40 jobs taken in a second, batches of 1 s, so three batch times exceed the 2 s target.
		api.serviceTime.record(AdmissionTests.answer(1000));
		queued(0, 30);
		api.gauge.sample();
		queued(40, 30);
		api.gauge.sample();
		assertThat(api.admission.depthLimit()).as("one batch for each: 8 + 2 x 4").isEqualTo(16);
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

		final ModelQueues queues;

		final ModelQueue queue;

		final DrainMeter drain;

		final ServiceTimeMeter serviceTime;

		final Admission admission;

		final QueueDepthGauge gauge;

		Instance() {
			this(AdmissionTests.properties(1000, 4, Duration.ofMillis(250), Duration.ofSeconds(2)));
		}

		Instance(QueueProperties properties) {
			this.queues = new ModelQueues(AdmissionSampleTests.this.keys, properties, new SimpleMeterRegistry(),
					AdmissionSampleTests.this.redis);
			this.queue = this.queues.of(AdmissionSampleTests.this.keys.defaultModel());
			this.drain = this.queue.drain();
			this.serviceTime = this.queue.serviceTime();
			this.admission = this.queue.admission();
			this.gauge = new QueueDepthGauge(AdmissionSampleTests.this.redis, this.queues,
					new LiveModels(AdmissionSampleTests.this.redis, AdmissionSampleTests.this.keys, new JobCodec(),
							this.queues),
					new PendingReplies(), new SimpleMeterRegistry());
		}

	}

}
