package com.example.classifier.api.predict;

import java.util.List;

import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.Prediction;

/**
 * The JSON answer of {@code POST /predict}: the seed's {@code success}, {@code prediction} and {@code score}, plus
 * what users need beyond it: {@code modelName} is the model asked (what {@code model=} chooses), {@code model} the id
 * of the weights that answered.
 */
public record PredictionResponse(boolean success, String prediction, double score, String jobId, String modelName,
		String model, List<Prediction> predictions, String filename, boolean cached, long inferenceMillis,
		long elapsedMillis) {

	static PredictionResponse of(Classification classification) {
		ClassificationResult result = classification.result();
		Prediction top = result.top();
		return new PredictionResponse(true, top.label(), top.score(), classification.jobId(),
				classification.model().value(), result.model(),
				result.predictions(), classification.filename(), result.cached(), result.inferenceMillis(),
				classification.elapsedMillis());
	}

}
