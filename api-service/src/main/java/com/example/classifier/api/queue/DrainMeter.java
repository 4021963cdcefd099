package com.example.classifier.api.queue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Jobs the workers take from the queue per second, for every api instance together. Each sample pairs the queue's
 * length with the count of jobs ever queued (a counter the bounded enqueue increments, shared by all instances): what
 * was queued between two samples and is no longer waiting was taken. Counting this instance's own answers instead
 * saw 1/N of the rate with N instances behind a balancer (k8s runs 2 to 10), and missed {@code POST /jobs} jobs.
 * <p>
 * Only stretches in which the queue held jobs at both samples count: then the workers never lacked work, and what
 * they took is what they can take. A queue that runs dry says how much was asked, not how much can be answered, so
 * under light load (or a cold start) nothing is measured and the bound stays at its minimum. One per model queue
 * ({@link ModelQueue}); the counter is {@link com.example.classifier.common.RedisKeys#enqueuedCount}.
 */
class DrainMeter {

	private static final long WINDOW_NANOS = Duration.ofSeconds(10).toNanos();

	private final Deque<Sample> samples = new ArrayDeque<>();

	private volatile double perSecond;

	/**
	 * @param nanos when the sample was read ({@link System#nanoTime()})
	 * @param enqueued the shared count of jobs ever queued
	 * @param depth the queue's length at the same moment
	 */
	synchronized void record(long nanos, long enqueued, long depth) {
		this.samples.addLast(new Sample(nanos, enqueued, depth));
		while (this.samples.size() > 1 && nanos - this.samples.peekFirst().nanos() > WINDOW_NANOS) {
			this.samples.removeFirst();
		}
		long taken = 0;
		long busyNanos = 0;
		Iterator<Sample> each = this.samples.iterator();
		Sample previous = each.next();
		while (each.hasNext()) {
			Sample next = each.next();
			if (previous.depth() > 0 && next.depth() > 0) {
				// Never negative: jobs a dead worker held come back to the queue, and a flushed Redis resets the count.
				taken += Math.max(0, (next.enqueued() - previous.enqueued()) - (next.depth() - previous.depth()));
				busyNanos += next.nanos() - previous.nanos();
			}
			previous = next;
		}
		this.perSecond = (busyNanos > 0) ? taken * 1e9 / busyNanos : 0;
	}

	/** Jobs taken per second while the queue held jobs, over the last 10 s; 0 when nothing was measured. */
	double perSecond() {
		return this.perSecond;
	}

	private record Sample(long nanos, long enqueued, long depth) {
	}

}
