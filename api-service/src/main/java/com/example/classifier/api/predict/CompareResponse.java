package com.example.classifier.api.predict;

import java.util.List;

/**
 * The JSON answer of {@code POST /predict?model=a,b}: each model's answer side by side, in the order asked.
 *
 * @param success true: every model answered
 * @param filename stored name of the upload, servable at {@code /display/{filename}}
 * @param answers one per model, each naming its model ({@code modelName}) and the weights that answered
 */
public record CompareResponse(boolean success, String filename, List<PredictionResponse> answers) {

	static CompareResponse of(List<Classification> classifications) {
		return new CompareResponse(true, classifications.get(0).filename(),
				classifications.stream().map(PredictionResponse::of).toList());
	}

}
