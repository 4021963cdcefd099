package com.example.classifier.api.queue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue bound: what may wait, and when a new upload needs to ask Redis. */
class AdmissionTests {

	@Test
	void withNothingAnsweredYetOnlyTheMinimumMayWait() {
		Admission admission = new Admission(properties(1000, 16), new ThroughputMeter());

		assertThat(admission.depthLimit()).isEqualTo(16);
	}

	@Test
	void theBoundFollowsLastKnownDepth() {
		Admission admission = new Admission(properties(1000, 16), new ThroughputMeter());

		assertThat(admission.lastKnownBelowLimit()).isTrue();
		admission.recordDepth(16);
		assertThat(admission.lastKnownBelowLimit()).isFalse();
		admission.recordDepth(3);
		assertThat(admission.lastKnownBelowLimit()).isTrue();
	}

	@Test
	void uploadsOnTheirWayCountAgainstTheBound() {
		Admission admission = new Admission(properties(1000, 4), new ThroughputMeter());
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
		Admission admission = new Admission(properties(1000, 2), new ThroughputMeter());
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
		Admission admission = new Admission(properties(1000, 1), new ThroughputMeter());
		UploadPlace held = admission.tryReserveUpload();

		held.watch(new Body(Duration.ofMillis(10).toNanos()));
		assertThat(admission.nanosUntilReclaimable()).as("a fast upload between two reads").isEqualTo(-1);

		held.watch(new Body(Duration.ofMillis(100).toNanos()));
		assertThat(admission.nanosUntilReclaimable()).isEqualTo(Duration.ofMillis(150).toNanos());

		Admission patient = new Admission(new QueueProperties("classifier", Duration.ofSeconds(30),
				Duration.ofSeconds(1), "api-1", 1000, 1, Duration.ofMinutes(10), Duration.ofMinutes(1)),
				new ThroughputMeter());
		patient.tryReserveUpload().watch(new Body(Duration.ofMillis(100).toNanos()));
		assertThat(patient.nanosUntilReclaimable()).as("a refusal stays quick").isEqualTo(-1);
	}

	@Test
	void aRefusalAsksToRetryWithinHalfAMinute() {
		Admission admission = new Admission(properties(1000, 16), new ThroughputMeter());

		assertThat(admission.queueFull(5000).retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(30));
	}

	private static QueueProperties properties(int maxDepth, int minDepth) {
		return new QueueProperties("classifier", Duration.ofSeconds(30), Duration.ofSeconds(1), "api-1", maxDepth,
				minDepth, Duration.ofMinutes(10), Duration.ofMillis(250));
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
