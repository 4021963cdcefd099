package com.example.classifier.modelservice.model;

import java.util.List;

import com.example.classifier.common.Prediction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoresTests {

	private final Labels labels = new Labels(List.of("a", "b", "c", "d"), "test");

	@Test
	void recognisesProbabilities() {
		assertThat(Scores.isProbabilities(new float[] { 0.1f, 0.2f, 0.3f, 0.4f })).isTrue();
		assertThat(Scores.isProbabilities(new float[] { 2.5f, -1f, 0.3f, 0.4f })).isFalse();
		assertThat(Scores.isProbabilities(new float[] { 0.5f, 0.6f, 0f, 0f })).isFalse();
		assertThat(Scores.isProbabilities(new float[] { Float.NaN, 1f, 0f, 0f })).isFalse();
	}

	@Test
	void softmaxKeepsOrderAndSumsToOne() {
		float[] row = { 1000f, 999f, -5f, 0f };
		Scores.softmax(row);
		assertThat((double) row[0] + row[1] + row[2] + row[3]).isCloseTo(1.0, within(1e-6));
		assertThat(row[0]).isGreaterThan(row[1]);
		assertThat(row[1]).isGreaterThan(row[3]);
		assertThat(row[3]).isGreaterThanOrEqualTo(row[2]);
		assertThat(Scores.isProbabilities(row)).isTrue();
	}

	@Test
	void topIsBestFirstWithLabels() {
		List<Prediction> top = Scores.top(new float[] { 0.1f, 0.5f, 0.15f, 0.25f }, 3, this.labels);
		assertThat(top).extracting(Prediction::index).containsExactly(1, 3, 2);
		assertThat(top).extracting(Prediction::label).containsExactly("b", "d", "c");
		assertThat(top.get(0).score()).isCloseTo(0.5, within(1e-6));
	}

	@Test
	void topNeverReturnsMoreThanTheClasses() {
		assertThat(Scores.top(new float[] { 0.4f, 0.3f, 0.2f, 0.1f }, 20, this.labels)).extracting(Prediction::index)
			.containsExactly(0, 1, 2, 3);
	}

	@Test
	void tiesKeepTheLowerIndexFirst() {
		assertThat(Scores.top(new float[] { 0.25f, 0.25f, 0.25f, 0.25f }, 2, this.labels))
			.extracting(Prediction::index)
			.containsExactly(0, 1);
	}

}
