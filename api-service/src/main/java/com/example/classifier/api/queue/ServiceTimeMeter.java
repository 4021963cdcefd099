package com.example.classifier.api.queue;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

import com.example.classifier.common.ClassificationResult;

/**
 * How long the workers' engine took for the batch that held a job, averaged over the answers of the last 10 s: once
 * taken, a job waits for the batch its worker is running and the one prepared before its own, then for its own ({@link
 * LatencyBound}). Answers from the cache, failures and expiries ran no batch and are not counted. One-second buckets
 * in a ring, lock-free. An instance without answers of its own uses what another instance shared through Redis
 * ({@link QueueDepthGauge}) under {@link com.example.classifier.common.RedisKeys#sharedBatchMillis}. One per model
 * queue ({@link ModelQueue}): a ResNet50 batch takes several times a MobileNetV2 one.
 */
class ServiceTimeMeter {

	private static final int WINDOW_SECONDS = 10;

	private final AtomicLongArray counts = new AtomicLongArray(WINDOW_SECONDS);

	private final AtomicLongArray millis = new AtomicLongArray(WINDOW_SECONDS);

	private final AtomicLongArray bucketSecond = new AtomicLongArray(WINDOW_SECONDS);

	private final LongSupplier nanos;

	/** Another instance's measurement, from the last sample; NaN when none is shared. */
	private volatile double shared = Double.NaN;

	ServiceTimeMeter() {
		this(System::nanoTime);
	}

	/** With the clock a test moves. */
	ServiceTimeMeter(LongSupplier nanos) {
		this.nanos = nanos;
		for (int i = 0; i < WINDOW_SECONDS; i++) {
			this.bucketSecond.set(i, Long.MIN_VALUE);
		}
	}

	void record(ClassificationResult answer) {
		if (answer.status() != ClassificationResult.Status.OK || answer.cached() || answer.batchSize() <= 0) {
			return;
		}
		long second = nowSecond();
		int slot = (int) Math.floorMod(second, (long) WINDOW_SECONDS);
		long owner = this.bucketSecond.get(slot);
		if (owner != second && this.bucketSecond.compareAndSet(slot, owner, second)) {
			this.counts.set(slot, 0);
			this.millis.set(slot, 0);
		}
		this.millis.addAndGet(slot, answer.inferenceMillis());
		this.counts.incrementAndGet(slot);
	}

	/** This instance's measurement, else the one shared by another instance; NaN when neither has one. */
	double seconds() {
		double own = ownSeconds();
		return Double.isNaN(own) ? this.shared : own;
	}

	void shared(double seconds) {
		this.shared = seconds;
	}

	/** Mean batch time of the answers this instance received in the last 10 s, in seconds; NaN when none. */
	double ownSeconds() {
		long now = nowSecond();
		long count = 0;
		long total = 0;
		for (int i = 0; i < WINDOW_SECONDS; i++) {
			long age = now - this.bucketSecond.get(i);
			if (age >= 0 && age < WINDOW_SECONDS) {
				count += this.counts.get(i);
				total += this.millis.get(i);
			}
		}
		return (count > 0) ? total / 1000.0 / count : Double.NaN;
	}

	private long nowSecond() {
		return Math.floorDiv(this.nanos.getAsLong(), 1_000_000_000L);
	}

}
