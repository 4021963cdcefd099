package com.example.classifier.api.queue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** How fast the workers take jobs, from samples of the queue's length and the count of jobs ever queued. */
class DrainMeterTests {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	@Test
	void jobsQueuedAndNoLongerWaitingWereTakenWhileTheQueueHeldJobs() {
		DrainMeter drain = new DrainMeter();
		long t = 5 * SECOND;
		drain.record(t, 100, 20);
		assertThat(drain.perSecond()).as("one sample measures nothing").isZero();

		// 45 queued in a second while the queue grew from 20 to 25: 40 taken.
		drain.record(t + SECOND, 145, 25);
		assertThat(drain.perSecond()).isCloseTo(40, within(1e-9));
		// 30 queued in the next 2 s while it shrank to 5: 50 taken; 90 in 3 s.
		drain.record(t + 3 * SECOND, 175, 5);
		assertThat(drain.perSecond()).isCloseTo(30, within(1e-9));
	}

	@Test
	void aQueueThatRanDryMeasuresTheDemandNotTheWorkersSoItIsNotCounted() {
		DrainMeter drain = new DrainMeter();
		// Light load: 5 jobs a second, each taken at once.
		for (int second = 0; second < 5; second++) {
			drain.record(second * SECOND, 5L * second, 0);
		}
		assertThat(drain.perSecond()).isZero();

		// A burst: the queue fills in the next second (not counted: it was empty at its start), then holds jobs.
		drain.record(5 * SECOND, 60, 16);
		assertThat(drain.perSecond()).isZero();
		drain.record(6 * SECOND, 110, 16);
		assertThat(drain.perSecond()).isCloseTo(50, within(1e-9));
		// Light load again: the stretch that ended empty is not counted either.
		drain.record(7 * SECOND, 115, 0);
		assertThat(drain.perSecond()).isCloseTo(50, within(1e-9));
	}

	@Test
	void jobsComingBackFromADeadWorkerOrAFlushedRedisNeverCountAsNegative() {
		DrainMeter drain = new DrainMeter();
		drain.record(0, 100, 10);
		// A dead worker's 8 jobs were requeued: the queue grew with nothing queued.
		drain.record(SECOND, 100, 18);
		assertThat(drain.perSecond()).isZero();
		// Redis was flushed and the counter restarted.
		drain.record(2 * SECOND, 3, 3);
		assertThat(drain.perSecond()).isZero();
	}

	@Test
	void onlyTheLastTenSecondsCount() {
		DrainMeter drain = new DrainMeter();
		drain.record(0, 0, 10);
		drain.record(SECOND, 100, 10);
		for (int second = 2; second <= 11; second++) {
			drain.record(second * SECOND, 100 + 10L * (second - 1), 10);
		}
		assertThat(drain.perSecond()).as("the 100/s second has left the window").isCloseTo(10, within(1e-9));
		for (int second = 12; second <= 22; second++) {
			drain.record(second * SECOND, 200, 0);
		}
		assertThat(drain.perSecond()).as("a quiet spell").isZero();
	}

}
