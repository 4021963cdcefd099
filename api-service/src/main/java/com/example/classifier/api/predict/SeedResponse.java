package com.example.classifier.api.predict;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.jspecify.annotations.Nullable;

/**
 * The seed system's answer, key for key: {@code {"success", "prediction", "score"}} (see {@link ResponseStyle#SEED}).
 */
public record SeedResponse(boolean success, @Nullable String prediction, @Nullable Double score) {

	static SeedResponse of(Classification classification) {
		var top = classification.result().top();
		return new SeedResponse(true, top.label(), round4(top.score()));
	}

	/** The seed's error body: the same keys, empty. */
	public static SeedResponse failure() {
		return new SeedResponse(false, null, null);
	}

	/**
	 * Python's {@code round(score, 4)}: the exact binary value rounded half to even, so that 0.93455 (stored as
	 * 0.934549999...) gives 0.9345 as it does in the seed.
	 */
	static double round4(double score) {
		return new BigDecimal(score).setScale(4, RoundingMode.HALF_EVEN).doubleValue();
	}

}
