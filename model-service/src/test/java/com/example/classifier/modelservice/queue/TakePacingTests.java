package com.example.classifier.modelservice.queue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TakePacingTests {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final TakePacing pacing = new TakePacing(8, this.now::get);

	@Test
	void anIdleRunnerIsNeverWaitedFor() {
		assertThat(this.pacing.nanosBeforeTaking()).isZero();
		measure(8, 400, 40);

		assertThat(this.pacing.nanosBeforeTaking()).isZero();
	}

	@Test
	void aBusyRunnerWithNothingMeasuredIsNotWaitedFor() {
		this.pacing.runStarted(8);

		assertThat(this.pacing.nanosBeforeTaking()).isZero();
	}

	@Test
	void theTakerWakesBeforeTheRunnerEndsWithTimeToPrepareAFullBatch() {
		// Batches of 8 took 400 ms; preparing 8 took 40 ms (5 ms an image).
		measure(8, 400, 40);
		this.pacing.runStarted(8);

		// 0.8 x 400 ms - 1.0 x 8 x 5 ms - 3 ms = 277 ms
		assertThat(millis(this.pacing.nanosBeforeTaking())).isEqualTo(277);
		this.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
		assertThat(millis(this.pacing.nanosBeforeTaking())).isEqualTo(77);
		this.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
		assertThat(this.pacing.nanosBeforeTaking()).isZero();
	}

	@Test
	void aSizeNotMeasuredYetIsExpectedToTakeAsLongAsTheLargestSmallerOneMeasured() {
		measure(1, 100, 5);
		measure(8, 400, 40);
		measure(2, 150, 10);
		this.pacing.runStarted(5);

		// Batches of 2 (150 ms) are the largest measured up to 5; preparation still counts a full batch of 8.
		long expected = (long) (0.8 * 150 - 1.0 * 8 * 5 - 3);
		assertThat(millis(this.pacing.nanosBeforeTaking())).isEqualTo(expected);
	}

	@Test
	void aSlowBatchOfOneDoesNotMakeALargeBatchLookLonger() {
		measure(8, 200, 40);
		measure(1, 150, 5);
		this.pacing.runStarted(8);

		// The batch of 8 is expected from batches of 8 alone, not from the per-image time of the lone image (8 x 150).
		assertThat(millis(this.pacing.nanosBeforeTaking())).isLessThan(200);
	}

	@Test
	void theMeansFollowAMachineThatSlowsDown() {
		measure(8, 400, 40);
		for (int i = 0; i < 20; i++) {
			measure(8, 800, 40);
		}
		this.pacing.runStarted(8);

		// 277 ms at 400 ms a batch; at 800 ms: 0.8 x 800 - 43 = 597 ms, reached within 20 batches to a few ms.
		assertThat(millis(this.pacing.nanosBeforeTaking())).isBetween(580L, 597L);
	}

	private void measure(int size, long runMillis, long prepareMillis) {
		this.pacing.prepared(size, TimeUnit.MILLISECONDS.toNanos(prepareMillis));
		this.pacing.runStarted(size);
		this.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(runMillis));
		this.pacing.runFinished(size, TimeUnit.MILLISECONDS.toNanos(runMillis));
	}

	private static long millis(long nanos) {
		return Math.round(nanos / 1e6);
	}

}
