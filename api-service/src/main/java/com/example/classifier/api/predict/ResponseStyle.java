package com.example.classifier.api.predict;

/** What {@code POST /predict} answers. Binds case-insensitively ({@code API_RESPONSE_STYLE=seed}). */
public enum ResponseStyle {

	/** The seed's three keys plus job id, model, top-5, file name, cache flag and timings. */
	FULL,

	/**
	 * Exactly the seed system's answer, for its clients' strict key checks: {@code {success, prediction, score}},
	 * the score rounded to 4 decimals as Python's {@code round(score, 4)}; errors
	 * {@code {success: false, prediction: null, score: null}} with the same status codes.
	 */
	SEED

}
