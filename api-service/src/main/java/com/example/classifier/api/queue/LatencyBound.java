package com.example.classifier.api.queue;

import java.time.Duration;

/**
 * The arithmetic of the queue bound, from what was measured: the rate at which the workers take jobs ({@link
 * DrainMeter}) and the time of one batch ({@link ServiceTimeMeter}).
 * <p>
 * A job admitted behind {@code depth} waiting jobs is taken once those have drained, after about {@code depth / rate}.
 * A worker's pipeline takes a batch while it runs the previous one, so when the job is taken, up to two batches are
 * ahead of it in that worker (the one running and the one taken and prepared before it), then its own runs: three
 * batch times. So the queue may hold {@code rate × (target − 3 × batch)} jobs, never more than {@code max-depth} and
 * never fewer than the floor: {@code min-depth} when set, otherwise one batch for every live worker (what their
 * heartbeats say they take at once; 16 while none says). Fewer would leave the workers' batches part-empty. The
 * target is capped at four fifths of the request timeout, the rest left for the upload's own transfer and checks.
 * <p>
 * Measured (LatencyTargetTests, one MobileNetV2 worker flooded at 100 requests/s, 2 shared cores): with a 1 s target
 * accepted requests took a median 0.78 s, p95 1.49 s; with the bound from the 30 s request timeout, 9.1 s and 15.9 s.
 * Counting two batch times instead of three, the p95 was 1.7 to 2.8 s. On a slow model the floor decides: DL4J
 * ResNet50 on 2 shared cores (10-11 images/s, batches of 8 in 0.55-0.65 s) under load tests #5 and #6, the api's p99
 * of accepted requests was 3.2-3.3 s with the fixed floor of 16 (two batches) and 2.0-2.3 s with one batch of 8, for
 * 2-5 % fewer answers per second (AMD EPYC, 2026-11-30, docs/performance.md).
 */
record LatencyBound(QueueProperties properties) {

	private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

	/** Batches a job waits for once taken: the one running, the one prepared before its own, and its own. */
	private static final int BATCHES_BEYOND_QUEUE = 3;

	/** The bound while nothing is measured, for a {@code min-depth} left unset and workers that do not tell. */
	private static final int DEFAULT_MIN_DEPTH = 16;

	/**
	 * @param drainPerSecond jobs taken per second while the queue held jobs; 0 when not measured
	 * @param batchSeconds mean batch time of recent answers; NaN when not measured
	 * @param workersTakeAtOnce jobs the live workers take at once (one batch per consumer thread each); 0 when not
	 *        known
	 */
	long depthLimit(double drainPerSecond, double batchSeconds, int workersTakeAtOnce) {
		if (!(drainPerSecond > 0) || Double.isNaN(batchSeconds)) {
			// Nothing measured (a cold start, or after a quiet spell): how many jobs the workers can answer in time is
			// unknown, so only a few may wait until answers show it: two batches per worker, one to take and one to
			// fill meanwhile. Starting at the maximum let a burst on a cold stack queue hundreds of jobs, most of which
			// then timed out (504) behind the first.
			return Math.min(floor(workersTakeAtOnce, 2), this.properties.maxDepth());
		}
		long floor = Math.min(floor(workersTakeAtOnce, 1), this.properties.maxDepth());
		double waitSeconds = targetSeconds() - BATCHES_BEYOND_QUEUE * batchSeconds;
		long answerable = (long) Math.floor(drainPerSecond * Math.max(0, waitSeconds));
		return Math.max(floor, Math.min(this.properties.maxDepth(), answerable));
	}

	/** {@code min-depth} when set, otherwise {@code batches} per live worker, or 16 when they do not tell. */
	private long floor(int workersTakeAtOnce, int batches) {
		Integer minDepth = this.properties.minDepth();
		if (minDepth != null) {
			return minDepth;
		}
		return (workersTakeAtOnce > 0) ? (long) batches * workersTakeAtOnce : DEFAULT_MIN_DEPTH;
	}

	/**
	 * When to come back: how long the workers take, at the measured rate, to drain the jobs waiting now; by then
	 * those who filled the queue have their answers. Without a measured rate, the target itself. 1 to 30 s.
	 */
	Duration retryAfter(long depth, double drainPerSecond) {
		double seconds = (drainPerSecond > 0) ? depth / drainPerSecond : targetSeconds();
		long whole = (long) Math.ceil(Math.min(seconds, LONGEST_RETRY.toSeconds()));
		return Duration.ofSeconds(Math.max(1, whole));
	}

	/** The target latency, at most four fifths of the request timeout. */
	double targetSeconds() {
		Duration capped = this.properties.requestTimeout().multipliedBy(4).dividedBy(5);
		Duration target = (this.properties.targetLatency().compareTo(capped) < 0) ? this.properties.targetLatency()
				: capped;
		return target.toNanos() / 1e9;
	}

}
