package com.example.classifier.api.web;

import java.util.List;
import java.util.Locale;

import com.example.classifier.api.feedback.FeedbackRequest;
import com.example.classifier.api.predict.Classification;
import com.example.classifier.common.Prediction;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the result page shows of a classification.
 *
 * @param label the top class in the model's own words
 * @param percent its score as a percentage
 * @param top the ranked classes, each drawn as a bar
 * @param filename stored name of the upload, shown through {@code /display/{filename}}
 * @param modelName the model asked, by name
 * @param model the id of the weights that answered
 * @param report the value of the "Report incorrect answer" form's {@code report} field
 */
record ResultView(String label, String percent, List<Bar> top, String filename, String jobId, String modelName,
		String model, String report) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static ResultView of(Classification classification) {
		Prediction best = classification.result().top();
		List<Bar> bars = classification.result()
			.predictions()
			.stream()
			.map((prediction) -> new Bar(prediction.label(), prediction.score(), percent(prediction.score())))
			.toList();
		String report = JSON.writeValueAsString(new FeedbackRequest(classification.jobId(),
				classification.filename(), best.label(), best.score(), null));
		return new ResultView(best.label(), percent(best.score()), bars, classification.filename(),
				classification.jobId(), classification.model().value(), classification.result().model(), report);
	}

	static String percent(double score) {
		return String.format(Locale.ROOT, "%.1f %%", score * 100);
	}

	/** One ranked class: its label, its score (0..1, the bar's length) and the score as a percentage. */
	record Bar(String label, double score, String percent) {
	}

}
