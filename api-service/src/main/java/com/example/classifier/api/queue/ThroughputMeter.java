package com.example.classifier.api.queue;

import java.util.concurrent.atomic.AtomicLongArray;

import org.springframework.stereotype.Component;

/**
 * Answers per second received by this instance over the last few seconds; with the queue depth it estimates how long
 * a new job would wait. One-second buckets in a ring, lock-free.
 */
@Component
public class ThroughputMeter {

	private static final int WINDOW_SECONDS = 10;

	private final AtomicLongArray counts = new AtomicLongArray(WINDOW_SECONDS);

	private final AtomicLongArray bucketSecond = new AtomicLongArray(WINDOW_SECONDS);

	void recordAnswer() {
		long second = nowSecond();
		int slot = (int) (second % WINDOW_SECONDS);
		long owner = this.bucketSecond.get(slot);
		if (owner != second && this.bucketSecond.compareAndSet(slot, owner, second)) {
			this.counts.set(slot, 0);
		}
		this.counts.incrementAndGet(slot);
	}

	/** Answers per second over the last complete seconds of the window; 0 when nothing was answered. */
	public double answersPerSecond() {
		long now = nowSecond();
		long total = 0;
		for (int i = 0; i < WINDOW_SECONDS; i++) {
			long age = now - this.bucketSecond.get(i);
			if (age >= 1 && age < WINDOW_SECONDS) {
				total += this.counts.get(i);
			}
		}
		return total / (double) (WINDOW_SECONDS - 1);
	}

	private static long nowSecond() {
		return System.nanoTime() / 1_000_000_000L;
	}

}
