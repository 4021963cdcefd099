package com.example.classifier.api.queue;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

import com.example.classifier.common.ClassificationResult;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue bound: what may wait, and when a new upload needs to ask Redis. */
class AdmissionTests {

	@Test
	void withNothingAnsweredYetOnlyTheMinimumMayWait() {
		Admission admission = new Admission(properties(1000, 16), new DrainMeter(), new ServiceTimeMeter());

		assertThat(admission.depthLimit()).isEqualTo(16);
	}

	@Test
	void theBoundFollowsLastKnownDepth() {
		Admission admission = new Admission(properties(1000, 16), new DrainMeter(), new ServiceTimeMeter());

		assertThat(admission.lastKnownBelowLimit()).isTrue();
		admission.recordDepth(16);
		assertThat(admission.lastKnownBelowLimit()).isFalse();
		admission.recordDepth(3);
		assertThat(admission.lastKnownBelowLimit()).isTrue();
	}

	@Test
	void oneRequestAtATimeReadsTheDepthFromRedisTheOthersUseTheLastKnown() {
		Admission admission = new Admission(properties(1000, 16), new DrainMeter(), new ServiceTimeMeter());
		admission.recordDepth(16);

		assertThat(admission.startDepthRead()).as("the first to find the queue at its bound reads").isTrue();
		assertThat(admission.startDepthRead()).as("another, meanwhile: the last known depth").isFalse();
		assertThat(admission.lastKnownDepth()).isEqualTo(16);
		admission.recordDepth(5);
		admission.depthReadDone();
		assertThat(admission.lastKnownDepth()).isEqualTo(5);
		assertThat(admission.startDepthRead()).as("the next, once that read is done").isTrue();
		admission.depthReadDone();
	}

	@Test
	void uploadsOnTheirWayCountAgainstTheBound() {
		Admission admission = new Admission(properties(1000, 4), new DrainMeter(), new ServiceTimeMeter());
		admission.recordDepth(2);

		UploadPlace first = admission.tryReserveUpload();
		assertThat(first).isNotNull();
		assertThat(admission.tryReserveUpload()).isNotNull();
		assertThat(admission.tryReserveUpload()).as("2 queued + 2 on their way = the bound of 4")
			.isNull();
		assertThat(admission.uploadsInFlight()).isEqualTo(2);

		first.release();
		first.release();
		assertThat(admission.uploadsInFlight()).as("released once").isEqualTo(1);
		assertThat(admission.tryReserveUpload()).isNotNull();
		// A drained queue leaves room again even while uploads are on their way.
		admission.recordDepth(0);
		assertThat(admission.tryReserveUpload()).isNotNull();
		assertThat(admission.uploadsInFlight()).isEqualTo(3);
	}

	@Test
	void anUploadStalledForTheStallTimeoutGivesItsPlaceToTheNextAndIsCutOff() {
		Admission admission = new Admission(properties(1000, 2), new DrainMeter(), new ServiceTimeMeter());
		Body stalledBriefly = new Body(Duration.ofMillis(200).toNanos());
		Body stalled = new Body(Duration.ofSeconds(3).toNanos());
		admission.tryReserveUpload().watch(stalledBriefly);
		UploadPlace stalledPlace = admission.tryReserveUpload();
		stalledPlace.watch(stalled);

		UploadPlace next = admission.tryReserveUpload();

		assertThat(next).isNotNull();
		assertThat(stalled.cutOff).isTrue();
		assertThat(stalledBriefly.cutOff).isFalse();
		assertThat(admission.uploadsInFlight()).isEqualTo(2);
		assertThat(admission.reclaimedPlaces()).isEqualTo(1);
		assertThat(admission.tryReserveUpload()).as("nobody else stalled for the 250 ms timeout").isNull();
		// The stalled upload's own release, when its request ends with the 408, changes nothing.
		stalledPlace.release();
		assertThat(admission.uploadsInFlight()).isEqualTo(2);
	}

	@Test
	void aNewcomerWaitsOnlyForASlowSenderAboutToLoseItsPlace() {
		Admission admission = new Admission(properties(1000, 1), new DrainMeter(), new ServiceTimeMeter());
		UploadPlace held = admission.tryReserveUpload();

		held.watch(new Body(Duration.ofMillis(10).toNanos()));
		assertThat(admission.nanosUntilReclaimable()).as("a fast upload between two reads").isEqualTo(-1);

		held.watch(new Body(Duration.ofMillis(100).toNanos()));
		assertThat(admission.nanosUntilReclaimable()).isEqualTo(Duration.ofMillis(150).toNanos());

		Admission patient = new Admission(properties(1000, 1, Duration.ofMinutes(1), Duration.ofSeconds(2)),
				new DrainMeter(), new ServiceTimeMeter());
		patient.tryReserveUpload().watch(new Body(Duration.ofMillis(100).toNanos()));
		assertThat(patient.nanosUntilReclaimable()).as("a refusal stays quick").isEqualTo(-1);
	}

	@Test
	void theBoundIsWhatTheMeasuredWorkersAnswerWithinTheTargetAndUploadsOnTheirWayCountAgainstIt() {
		FakeNanos clock = new FakeNanos();
		DrainMeter drain = new DrainMeter();
		ServiceTimeMeter serviceTime = new ServiceTimeMeter(clock);
		Admission admission = new Admission(properties(1000, 4), drain, serviceTime);
		assertThat(admission.depthLimit()).as("cold: nothing measured").isEqualTo(4);

		// 40 jobs/s taken while the queue held jobs, batches of 250 ms: 40 x (2 s - 3 x 0.25 s) = 50 may wait.
		drain.record(clock.now, 0, 30);
		clock.advance(Duration.ofSeconds(1));
		drain.record(clock.now, 40, 30);
		assertThat(admission.depthLimit()).as("taken, but no answer measured yet").isEqualTo(4);
		serviceTime.record(answer(250));
		assertThat(admission.depthLimit()).isEqualTo(50);

		admission.recordDepth(48);
		assertThat(admission.lastKnownBelowLimit()).isTrue();
		assertThat(admission.tryReserveUpload()).isNotNull();
		assertThat(admission.tryReserveUpload()).isNotNull();
		assertThat(admission.tryReserveUpload()).as("48 queued + 2 on their way = the bound of 50").isNull();
		assertThat(admission.queueFull(60).retryAfter()).as("60 jobs at 40/s drain in 1.5 s")
			.isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void withoutAQueueThatHeldJobsForTenSecondsTheBoundFallsBackToTheMinimum() {
		FakeNanos clock = new FakeNanos();
		DrainMeter drain = new DrainMeter();
		ServiceTimeMeter serviceTime = new ServiceTimeMeter(clock);
		Admission admission = new Admission(properties(1000, 4), drain, serviceTime);
		drain.record(clock.now, 0, 30);
		clock.advance(Duration.ofSeconds(1));
		drain.record(clock.now, 40, 30);
		serviceTime.record(answer(250));
		assertThat(admission.depthLimit()).isEqualTo(50);

		// A quiet spell: the queue stays empty, the busy second and the answer age out of the 10 s window.
		for (int second = 0; second < 11; second++) {
			clock.advance(Duration.ofSeconds(1));
			drain.record(clock.now, 70, 0);
		}
		assertThat(admission.depthLimit()).isEqualTo(4);
	}

	@Test
	void aRefusalAsksToRetryWithinHalfAMinute() {
		Admission admission = new Admission(properties(1000, 16), new DrainMeter(), new ServiceTimeMeter());

		assertThat(admission.queueFull(5000).retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(30));
	}

	static QueueProperties properties(int maxDepth, Integer minDepth) {
		return properties(maxDepth, minDepth, Duration.ofMillis(250), Duration.ofSeconds(2));
	}

	/** {@code minDepth} null: unset, the floor follows the workers. */
	static QueueProperties properties(int maxDepth, Integer minDepth, Duration stallTimeout, Duration targetLatency) {
		return new QueueProperties("classifier", Duration.ofSeconds(30), Duration.ofSeconds(1), "api-1", maxDepth,
				minDepth, Duration.ofMinutes(10), stallTimeout, targetLatency);
	}

	static ClassificationResult answer(long batchMillis) {
		return ClassificationResult.ok("job", "model", List.of(), batchMillis, 8, "worker");
	}

	/** A nanosecond clock the test moves. */
	static final class FakeNanos implements LongSupplier {

		long now = 123_456_789_000L;

		void advance(Duration duration) {
			this.now += duration.toNanos();
		}

		@Override
		public long getAsLong() {
			return this.now;
		}

	}

	/** A body that has waited a fixed time for its next bytes. */
	private static final class Body implements BodyProgress {

		private final long stalledNanos;

		private volatile boolean cutOff;

		Body(long stalledNanos) {
			this.stalledNanos = stalledNanos;
		}

		@Override
		public long stalledNanos(long now) {
			return this.stalledNanos;
		}

		@Override
		public void cutOff() {
			this.cutOff = true;
		}

	}

}
