package com.example.classifier.api.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class StepStatsTests {

	@Test
	void percentilesAreNearestRankOfTheAcceptedRequestsOnly() {
		List<StepStats.Outcome> outcomes = new ArrayList<>();
		for (int ms = 1; ms <= 200; ms++) {
			outcomes.add(new StepStats.Outcome(200, ms));
		}
		// Refusals are answered fast and failures slowly: neither may move the accepted requests' percentiles.
		for (int i = 0; i < 50; i++) {
			outcomes.add(new StepStats.Outcome(503, 0.5));
			outcomes.add(new StepStats.Outcome(0, 120_000));
		}

		StepStats step = StepStats.of(100, 12.5, Duration.ofSeconds(20), outcomes);

		assertThat(step.p50Ms()).isEqualTo(100);
		assertThat(step.p99Ms()).isEqualTo(198);
	}

	@Test
	void goodputCountsOnlyPredictionsPerSecondOfTheStep() {
		List<StepStats.Outcome> outcomes = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			outcomes.add(new StepStats.Outcome(200, 80));
		}
		for (int i = 0; i < 40; i++) {
			outcomes.add(new StepStats.Outcome(503, 3));
		}
		for (int i = 0; i < 10; i++) {
			outcomes.add(new StepStats.Outcome(504, 30_000));
		}

		StepStats step = StepStats.of(125, 10, Duration.ofSeconds(20), outcomes);

		assertThat(step.sent()).isEqualTo(200);
		assertThat(step.ok()).isEqualTo(150);
		assertThat(step.refused()).isEqualTo(40);
		assertThat(step.failed()).isEqualTo(10);
		assertThat(step.failures()).containsExactly(entry("HTTP 504", 10L));
		assertThat(step.offeredPerSecond()).isEqualTo(10.0);
		assertThat(step.goodputPerSecond()).isEqualTo(7.5);
		assertThat(step.keepsUp()).isFalse();
	}

	@Test
	void aStepKeepsUpWhileAtLeast95PercentComeBackAsPredictions() {
		assertThat(withOk(95, 100).keepsUp()).isTrue();
		assertThat(withOk(94, 100).keepsUp()).isFalse();
		assertThat(withOk(0, 0).keepsUp()).isFalse();
	}

	@Test
	void noAcceptedRequestsGiveNoPercentileRatherThanZero() {
		StepStats step = StepStats.of(150, 30, Duration.ofSeconds(10), List.of(new StepStats.Outcome(503, 1)));

		assertThat(step.p50Ms()).isNaN();
		assertThat(step.p99Ms()).isNaN();
	}

	static StepStats withOk(int ok, int sent) {
		List<StepStats.Outcome> outcomes = new ArrayList<>();
		for (int i = 0; i < sent; i++) {
			outcomes.add(new StepStats.Outcome((i < ok) ? 200 : 503, 50));
		}
		return StepStats.of(100, sent / 10.0, Duration.ofSeconds(10), outcomes);
	}

}
