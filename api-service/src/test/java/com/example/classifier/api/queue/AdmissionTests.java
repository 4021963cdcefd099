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

		assertThat(admission.tryReserveUpload()).isTrue();
		assertThat(admission.tryReserveUpload()).isTrue();
		assertThat(admission.tryReserveUpload()).as("2 queued + 2 on their way = the bound of 4").isFalse();
		assertThat(admission.uploadsInFlight()).isEqualTo(2);

		admission.releaseUpload();
		assertThat(admission.tryReserveUpload()).isTrue();
		// A drained queue leaves room again even while uploads are on their way.
		admission.recordDepth(0);
		assertThat(admission.tryReserveUpload()).isTrue();
		assertThat(admission.uploadsInFlight()).isEqualTo(3);
	}

	@Test
	void aRefusalAsksToRetryWithinHalfAMinute() {
		Admission admission = new Admission(properties(1000, 16), new ThroughputMeter());

		assertThat(admission.queueFull(5000).retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(30));
	}

	private static QueueProperties properties(int maxDepth, int minDepth) {
		return new QueueProperties("classifier", Duration.ofSeconds(30), Duration.ofSeconds(1), "api-1", maxDepth,
				minDepth, Duration.ofMinutes(10));
	}

}
