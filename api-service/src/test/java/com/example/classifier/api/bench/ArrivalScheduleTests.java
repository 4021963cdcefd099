package com.example.classifier.api.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ArrivalScheduleTests {

	@Test
	void poissonArrivalsComeAtTheAskedRateInsideTheStepInOrder() {
		ArrivalSchedule schedule = ArrivalSchedule.poisson(20, Duration.ofSeconds(500), 1);

		// 10 000 expected; a Poisson count's standard deviation is its square root, 100.
		assertThat(schedule.size()).isBetween(9_600, 10_400);
		assertThat(schedule.offsetNanos(0)).isGreaterThanOrEqualTo(0);
		assertThat(schedule.offsetNanos(schedule.size() - 1)).isLessThan(Duration.ofSeconds(500).toNanos());
		for (int i = 1; i < schedule.size(); i++) {
			assertThat(schedule.offsetNanos(i)).isGreaterThanOrEqualTo(schedule.offsetNanos(i - 1));
		}
	}

	@Test
	void poissonGapsAreExponentialNotEven() {
		ArrivalSchedule schedule = ArrivalSchedule.poisson(10, Duration.ofSeconds(1000), 2);
		List<Double> gaps = new ArrayList<>();
		for (int i = 1; i < schedule.size(); i++) {
			gaps.add((schedule.offsetNanos(i) - schedule.offsetNanos(i - 1)) / 1e9);
		}
		double mean = gaps.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
		double variance = gaps.stream().mapToDouble((gap) -> (gap - mean) * (gap - mean)).average().orElseThrow();
		// An exponential gap's standard deviation equals its mean (0.1 s); even spacing would have none. And
		// P(gap > 3 × mean) = e^-3 ≈ 5 %: the bursts and lulls that fill a queue.
		assertThat(mean).isCloseTo(0.1, within(0.005));
		assertThat(Math.sqrt(variance)).isCloseTo(0.1, within(0.01));
		assertThat(gaps.stream().filter((gap) -> gap > 0.3).count() / (double) gaps.size()).isCloseTo(Math.exp(-3),
				within(0.01));
	}

	@Test
	void theSameSeedDrawsTheSameScheduleAndAnotherSeedAnother() {
		ArrivalSchedule first = ArrivalSchedule.poisson(5, Duration.ofSeconds(20), 50);
		ArrivalSchedule again = ArrivalSchedule.poisson(5, Duration.ofSeconds(20), 50);
		ArrivalSchedule other = ArrivalSchedule.poisson(5, Duration.ofSeconds(20), 51);

		assertThat(again.size()).isEqualTo(first.size());
		for (int i = 0; i < first.size(); i++) {
			assertThat(again.offsetNanos(i)).isEqualTo(first.offsetNanos(i));
		}
		assertThat(other.offsetNanos(0)).isNotEqualTo(first.offsetNanos(0));
	}

	@Test
	void evenArrivalsAreEquallySpacedFromTheStart() {
		ArrivalSchedule schedule = ArrivalSchedule.even(4, Duration.ofSeconds(10));

		assertThat(schedule.size()).isEqualTo(40);
		assertThat(schedule.offsetNanos(0)).isZero();
		assertThat(schedule.offsetNanos(1)).isEqualTo(250_000_000L);
		assertThat(schedule.offsetNanos(39)).isEqualTo(9_750_000_000L);
	}

}
