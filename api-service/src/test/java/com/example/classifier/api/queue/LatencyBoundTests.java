package com.example.classifier.api.queue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bound's arithmetic: measured drain rate × (target − 3 batch times), between the floor (min-depth, or one batch
 * per live worker) and max-depth.
 */
class LatencyBoundTests {

	private static final Duration TWO_SECONDS = Duration.ofSeconds(2);

	@Test
	void theQueueHoldsWhatTheDrainRateAnswersWithinTheTargetLessTheBatchesAheadOnceTakenAndItsOwn() {
		LatencyBound bound = new LatencyBound(AdmissionTests.properties(1000, 4, Duration.ofMillis(250), TWO_SECONDS));

		assertThat(bound.depthLimit(40, 0.25, 0)).as("40/s x (2 s - 3 x 0.25 s)").isEqualTo(50);
		assertThat(bound.depthLimit(40, 0.5, 0)).as("slower batches leave less time for the queue").isEqualTo(20);
		assertThat(bound.depthLimit(40.9, 0.25, 0)).as("whole jobs, rounded down").isEqualTo(51);
	}

	@Test
	void untilBothRateAndBatchTimeAreMeasuredOnlyTheMinimumMayWait() {
		LatencyBound bound = new LatencyBound(AdmissionTests.properties(1000, 4, Duration.ofMillis(250), TWO_SECONDS));

		assertThat(bound.depthLimit(0, 0.25, 0)).isEqualTo(4);
		assertThat(bound.depthLimit(40, Double.NaN, 0)).isEqualTo(4);
		LatencyBound tiny = new LatencyBound(AdmissionTests.properties(2, 16, Duration.ofMillis(250), TWO_SECONDS));
		assertThat(tiny.depthLimit(0, Double.NaN, 0)).as("a maximum below the minimum wins").isEqualTo(2);
	}

	@Test
	void theBoundStaysBetweenMinimumAndMaximum() {
		LatencyBound bound = new LatencyBound(AdmissionTests.properties(100, 4, Duration.ofMillis(250), TWO_SECONDS));

		assertThat(bound.depthLimit(2, 0.25, 0)).as("2/s x 1.25 s = 2.5, below the minimum").isEqualTo(4);
		assertThat(bound.depthLimit(40, 1, 0)).as("three batches take longer than the target").isEqualTo(4);
		assertThat(bound.depthLimit(1000, 0.01, 0)).as("1000/s x 1.97 s, above the maximum").isEqualTo(100);
	}

	@Test
	void withoutMinDepthTheFloorIsOneBatchForEveryLiveWorkerAndTwoUntilAnswersAreMeasured() {
		LatencyBound bound = new LatencyBound(
				AdmissionTests.properties(1000, null, Duration.ofMillis(250), TWO_SECONDS));

		assertThat(bound.depthLimit(40, 1, 8)).as("one worker taking 8: three batches exceed the target").isEqualTo(8);
		assertThat(bound.depthLimit(40, 1, 24)).as("three workers, or threads, taking 8 each").isEqualTo(24);
		assertThat(bound.depthLimit(40, 0.25, 8)).as("above the floor, the target decides").isEqualTo(50);
		assertThat(bound.depthLimit(0, Double.NaN, 8)).as("nothing measured: two batches").isEqualTo(16);
		assertThat(bound.depthLimit(0, Double.NaN, 12)).isEqualTo(24);
		assertThat(bound.depthLimit(40, 1, 0)).as("workers that do not say").isEqualTo(16);
		assertThat(bound.depthLimit(0, Double.NaN, 0)).isEqualTo(16);
		LatencyBound tiny = new LatencyBound(AdmissionTests.properties(10, null, Duration.ofMillis(250), TWO_SECONDS));
		assertThat(tiny.depthLimit(0, Double.NaN, 8)).as("never above the maximum").isEqualTo(10);
	}

	@Test
	void aMinDepthThatIsSetWinsOverWhatTheWorkersSay() {
		LatencyBound bound = new LatencyBound(AdmissionTests.properties(1000, 4, Duration.ofMillis(250), TWO_SECONDS));

		assertThat(bound.depthLimit(40, 1, 8)).isEqualTo(4);
		assertThat(bound.depthLimit(0, Double.NaN, 8)).isEqualTo(4);
	}

	@Test
	void aTargetBeyondFourFifthsOfTheRequestTimeoutIsCappedThere() {
		LatencyBound bound = new LatencyBound(
				AdmissionTests.properties(1000, 4, Duration.ofMillis(250), Duration.ofMinutes(1)));

		assertThat(bound.targetSeconds()).as("4/5 of the 30 s request timeout").isEqualTo(24.0);
		assertThat(bound.depthLimit(10, 0.5, 0)).as("10/s x (24 s - 1.5 s)").isEqualTo(225);
	}

	@Test
	void retryAfterIsTheMeasuredTimeToDrainTheQueueBetweenOneAndThirtySeconds() {
		LatencyBound bound = new LatencyBound(AdmissionTests.properties(1000, 4, Duration.ofMillis(250), TWO_SECONDS));

		assertThat(bound.retryAfter(60, 40)).as("1.5 s, rounded up").isEqualTo(Duration.ofSeconds(2));
		assertThat(bound.retryAfter(120, 40)).isEqualTo(Duration.ofSeconds(3));
		assertThat(bound.retryAfter(1, 100)).as("never 0").isEqualTo(Duration.ofSeconds(1));
		assertThat(bound.retryAfter(5000, 10)).as("500 s, capped").isEqualTo(Duration.ofSeconds(30));
		assertThat(bound.retryAfter(16, 0)).as("no rate measured: the target").isEqualTo(TWO_SECONDS);
		LatencyBound quick = new LatencyBound(
				AdmissionTests.properties(1000, 4, Duration.ofMillis(250), Duration.ofMillis(500)));
		assertThat(quick.retryAfter(16, 0)).isEqualTo(Duration.ofSeconds(1));
	}

}
