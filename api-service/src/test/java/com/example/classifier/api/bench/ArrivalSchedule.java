package com.example.classifier.api.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * When each request of an open-loop step is sent, as offsets from the step's start, fixed before the step begins:
 * the sender keeps to them whatever the answers do, so a slow service cannot slow the arrivals down (a closed loop
 * in disguise would).
 */
final class ArrivalSchedule {

	private final long[] offsetsNanos;

	private ArrivalSchedule(long[] offsetsNanos) {
		this.offsetsNanos = offsetsNanos;
	}

	/**
	 * Poisson arrivals at {@code perSecond} for {@code length}: exponential gaps drawn from a seeded generator, so
	 * a rerun offers the same pattern. Real users arrive independently; their bursts are what fills a queue.
	 */
	static ArrivalSchedule poisson(double perSecond, Duration length, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		long end = length.toNanos();
		long[] offsets = new long[(int) Math.max(16, perSecond * length.toSeconds() * 2)];
		int count = 0;
		double at = 0;
		while (true) {
			// 1 - u lies in (0, 1]: the logarithm stays finite.
			at += -Math.log(1 - random.nextDouble()) / perSecond * 1e9;
			if (at >= end) {
				break;
			}
			if (count == offsets.length) {
				offsets = Arrays.copyOf(offsets, count * 2);
			}
			offsets[count++] = (long) at;
		}
		return new ArrivalSchedule(Arrays.copyOf(offsets, count));
	}

	/** Evenly spaced arrivals at {@code perSecond} for {@code length}, the first at the start. */
	static ArrivalSchedule even(double perSecond, Duration length) {
		long gap = (long) (1e9 / perSecond);
		int count = (int) Math.ceil(length.toNanos() / (double) gap);
		long[] offsets = new long[count];
		for (int i = 0; i < count; i++) {
			offsets[i] = i * gap;
		}
		return new ArrivalSchedule(offsets);
	}

	int size() {
		return this.offsetsNanos.length;
	}

	/** Nanoseconds from the step's start to the {@code i}-th send. */
	long offsetNanos(int i) {
		return this.offsetsNanos[i];
	}

}
