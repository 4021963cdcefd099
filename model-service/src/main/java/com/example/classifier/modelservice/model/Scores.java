package com.example.classifier.modelservice.model;

import java.util.ArrayList;
import java.util.List;

import com.example.classifier.common.Prediction;

/** Turns one row of model output into ranked predictions. */
final class Scores {

	/** Float32 softmax rows sum to 1 within ~1e-6; raw logits essentially never land this close. */
	private static final double SUM_TOLERANCE = 1e-3;

	private Scores() {
	}

	/** Whether the row already holds probabilities (a softmax output layer) rather than logits. */
	static boolean isProbabilities(float[] row) {
		double sum = 0;
		for (float value : row) {
			if (!(value >= 0)) {
				return false;
			}
			sum += value;
		}
		return Math.abs(sum - 1) <= SUM_TOLERANCE;
	}

	/** Softmax in place, shifted by the maximum so large logits do not overflow. */
	static void softmax(float[] row) {
		float max = Float.NEGATIVE_INFINITY;
		for (float value : row) {
			max = Math.max(max, value);
		}
		double sum = 0;
		for (int i = 0; i < row.length; i++) {
			double e = Math.exp(row[i] - max);
			row[i] = (float) e;
			sum += e;
		}
		for (int i = 0; i < row.length; i++) {
			row[i] = (float) (row[i] / sum);
		}
	}

	/**
	 * The {@code k} best classes of one model output row, whether the model ends in a softmax or gives logits (which
	 * get one, in place).
	 */
	static List<Prediction> ranked(float[] row, int k, Labels labels) {
		if (!isProbabilities(row)) {
			softmax(row);
		}
		return top(row, k, labels);
	}

	/** The {@code k} highest scores, best first; ties keep the lower class index first. */
	static List<Prediction> top(float[] probabilities, int k, Labels labels) {
		int count = Math.min(k, probabilities.length);
		int[] best = new int[count];
		int filled = 0;
		// Insertion into a k-long array: k is at most 20, cheaper than sorting 1000 boxed scores.
		for (int index = 0; index < probabilities.length; index++) {
			float score = probabilities[index];
			if (filled == count && !(score > probabilities[best[count - 1]])) {
				continue;
			}
			int position = (filled < count) ? filled++ : count - 1;
			while (position > 0 && score > probabilities[best[position - 1]]) {
				best[position] = best[position - 1];
				position--;
			}
			best[position] = index;
		}
		List<Prediction> predictions = new ArrayList<>(count);
		for (int index : best) {
			predictions.add(new Prediction(index, labels.get(index), probabilities[index]));
		}
		return predictions;
	}

}
