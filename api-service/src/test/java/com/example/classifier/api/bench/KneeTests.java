package com.example.classifier.api.bench;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KneeTests {

	private static StepStats step(int percent, int ok, int refused, double p99Ms) {
		return new StepStats(percent, percent / 10.0, 20, ok + refused, ok, refused, 0, p99Ms / 2, p99Ms, Map.of());
	}

	@Test
	void theKneeIsTheLastStepThatStillAnswersWhatItIsSent() {
		List<StepStats> steps = List.of(step(50, 100, 0, 300), step(90, 180, 2, 700), step(100, 190, 15, 1500),
				step(125, 200, 50, 1600));

		assertThat(Knee.of(steps, 2000)).hasValue(1);
	}

	@Test
	void aStepWhoseP99PassesTheLimitEndsTheSearchEvenIfLaterOnesRecover() {
		List<StepStats> steps = List.of(step(50, 100, 0, 300), step(75, 150, 0, 2500), step(90, 180, 0, 900));

		assertThat(Knee.of(steps, 2000)).hasValue(0);
	}

	@Test
	void aServiceThatKeepsUpAtEveryStepHasItsKneeAtTheLast() {
		List<StepStats> steps = List.of(step(50, 100, 0, 300), step(150, 300, 3, 1200));

		assertThat(Knee.of(steps, 2000)).hasValue(1);
	}

	@Test
	void noKneeWhenTheFirstStepAlreadyFallsBehind() {
		assertThat(Knee.of(List.of(step(10, 10, 5, 100)), 2000)).isEmpty();
	}

}
