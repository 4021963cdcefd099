package com.example.classifier.api.queue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The line in which uploads that found every place taken wait, in arrival order, for a place a slow sender is about
 * to lose ({@link Admission#nanosUntilReclaimable}). The first in line takes the next such place, looking again
 * until it has one or its wait is up; the others wait behind it. Before, every newcomer waited for the same place and
 * looked once: when a slow client reconnecting at the same moment took it first, a normal upload got 503 although
 * other slow senders were about to lose theirs (SlowClientTests, 2 runs of 4 in full-suite runs on 2 busy cores).
 */
final class PlaceLine {

	/**
	 * Longest a newcomer waits in line: two stall timeouts (250 ms), time for the first in line to take a place held
	 * by a slow sender even when one reconnecting took the one it waited for. A refusal must stay quick.
	 */
	private static final long LONGEST_WAIT_NANOS = Duration.ofMillis(500).toNanos();

	/** Waking a moment after the place can be taken rather than a moment before it. */
	private static final long MARGIN_NANOS = Duration.ofMillis(1).toNanos();

	private final ReentrantLock line = new ReentrantLock(true);

	private final Admission admission;

	PlaceLine(Admission admission) {
		this.admission = admission;
	}

	/**
	 * A place for an upload that found none, once a slow sender loses one; null when none holds a place it is about to
	 * lose (the queue is full of uploads whose bytes flow, or of jobs) or the wait is up.
	 */
	UploadPlace await() {
		long deadline = System.nanoTime() + LONGEST_WAIT_NANOS;
		UploadPlace place = this.admission.tryReserveUpload();
		if (place != null || this.admission.nanosUntilReclaimable() < 0) {
			return place;
		}
		try {
			if (!this.line.tryLock(LONGEST_WAIT_NANOS, TimeUnit.NANOSECONDS)) {
				return null;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		try {
			while (true) {
				place = this.admission.tryReserveUpload();
				long wait = this.admission.nanosUntilReclaimable();
				if (place != null || wait < 0 || System.nanoTime() + wait > deadline) {
					return place;
				}
				LockSupport.parkNanos(wait + MARGIN_NANOS);
			}
		}
		finally {
			this.line.unlock();
		}
	}

}
