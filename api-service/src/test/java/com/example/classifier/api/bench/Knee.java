package com.example.classifier.api.bench;

import java.util.List;
import java.util.OptionalInt;

/**
 * The knee of an open-loop sweep: the highest arrival rate up to which the service still keeps up. Every step up to
 * it answered at least 95 % of what it was sent with a prediction ({@link StepStats#keepsUp()}) and held the p99 of
 * its accepted requests within the limit (the latency target); past it, more arrivals turn into refusals or waiting,
 * not answers.
 */
final class Knee {

	private Knee() {
	}

	/** Index of the knee step in {@code steps} (ordered by rate), or empty when even the first step falls behind. */
	static OptionalInt of(List<StepStats> steps, double p99LimitMs) {
		int knee = -1;
		for (int i = 0; i < steps.size(); i++) {
			StepStats step = steps.get(i);
			if (!step.keepsUp() || !(step.p99Ms() <= p99LimitMs)) {
				break;
			}
			knee = i;
		}
		return (knee < 0) ? OptionalInt.empty() : OptionalInt.of(knee);
	}

}
