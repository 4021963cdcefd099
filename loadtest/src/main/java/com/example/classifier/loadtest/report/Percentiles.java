package com.example.classifier.loadtest.report;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles (the definition Locust and Gatling report), NaN for no values. */
final class Percentiles {

	private final long[] sorted;

	Percentiles(Collection<Long> values) {
		this.sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
	}

	Percentiles(long[] values) {
		this.sorted = values.clone();
		Arrays.sort(this.sorted);
	}

	double at(double percent) {
		if (this.sorted.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(percent / 100.0 * this.sorted.length);
		return this.sorted[Math.max(0, Math.min(this.sorted.length - 1, rank - 1))];
	}

	int count() {
		return this.sorted.length;
	}

}
