package com.example.classifier.modelservice.queue;

import java.util.function.LongSupplier;

/**
 * When a pipeline's taker should take its next batch: just before its runner will need it, not as soon as it handed
 * the last one over.
 * <p>
 * A taker that takes at once, while the runner has a whole batch still to run, takes only the jobs that arrived since
 * its last take, and those then wait in its hands, prepared, for the runner. Under a steady load of {@code C} clients
 * the jobs spread over three places (running, prepared, queued) and batches settle near {@code C / 3}: 5.4 with 16
 * clients against a maximum of 8 (the end-to-end benchmark, 2026-11-30). Taking as late as the runner allows instead
 * leaves only two places, so the same clients fill batches twice as large, and a job that arrives while the runner is
 * busy joins the very next batch rather than the one after it. Jobs left in Redis meanwhile are also free for any
 * idle worker to take.
 * <p>
 * The estimate is deliberately low: the runner's batch is expected to take {@link #RUN_SHARE} of the running mean of
 * batches of its size (or, not measured yet, of the largest smaller size measured: a batch never runs faster than a
 * smaller one), and the preparation {@link #PREPARATION_MARGIN} times its measured time per image for a full batch,
 * plus {@link #FIXED_MARGIN_NANOS}. Waking early only costs the batch size it would have gained; waking late would
 * leave the runner idle. With nothing running, or nothing measured yet, the taker does not wait.
 */
final class TakePacing {

	/** Share of the expected run time the taker may sleep through. */
	static final double RUN_SHARE = 0.8;

	/**
	 * Preparation is assumed to take this many times its measured mean for a full batch (itself a margin: most batches
	 * are not full). 1.5 left phone photos (20 ms each to prepare) almost no wait: mean batch 5.3 of 8 with 16 clients.
	 */
	static final double PREPARATION_MARGIN = 1.0;

	/** Time kept for the take itself (one or two Redis round trips) and for waking up: 3 ms. */
	static final long FIXED_MARGIN_NANOS = 3_000_000;

	/** Weight of the newest measurement in the running means. */
	private static final double NEWEST = 0.2;

	private final int maxBatch;

	private final LongSupplier clock;

	private long runStartedNanos;

	private int runSize;

	/** Running mean of the run time by batch size (index = size; 0 = not measured). */
	private final double[] runNanos;

	private double prepareNanosPerImage;

	TakePacing(int maxBatch) {
		this(maxBatch, System::nanoTime);
	}

	TakePacing(int maxBatch, LongSupplier clock) {
		this.maxBatch = maxBatch;
		this.clock = clock;
		this.runNanos = new double[maxBatch + 1];
	}

	/** The runner starts a batch of {@code size}. */
	synchronized void runStarted(int size) {
		this.runStartedNanos = this.clock.getAsLong();
		this.runSize = size;
	}

	/** The runner finished its batch, which took {@code nanos}. */
	synchronized void runFinished(int size, long nanos) {
		this.runSize = 0;
		if (size >= 1 && size <= this.maxBatch) {
			this.runNanos[size] = mean(this.runNanos[size], nanos);
		}
	}

	/** The taker prepared {@code size} images in {@code nanos}. */
	synchronized void prepared(int size, long nanos) {
		this.prepareNanosPerImage = mean(this.prepareNanosPerImage, (double) nanos / size);
	}

	/** How long the taker should wait before taking its next batch: 0 when it should take now. */
	synchronized long nanosBeforeTaking() {
		double expected = 0;
		for (int size = 1; size <= Math.min(this.runSize, this.maxBatch); size++) {
			expected = Math.max(expected, this.runNanos[size]);
		}
		if (expected == 0) {
			return 0;
		}
		double runEnds = this.runStartedNanos + RUN_SHARE * expected;
		double takeAt = runEnds - PREPARATION_MARGIN * this.prepareNanosPerImage * this.maxBatch - FIXED_MARGIN_NANOS;
		return Math.max(0, (long) (takeAt - this.clock.getAsLong()));
	}

	private static double mean(double current, double newest) {
		return (current == 0) ? newest : (1 - NEWEST) * current + NEWEST * newest;
	}

}
