package com.example.classifier.api.predict;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /predict}: classify one uploaded photo. The request thread is released while the job waits in the
 * queue; the answer is written when the worker's reply arrives.
 */
@RestController
class PredictController {

	private final ClassificationService classifications;

	PredictController(ClassificationService classifications) {
		this.classifications = classifications;
	}

	@PostMapping(path = "/predict", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	CompletableFuture<PredictionResponse> predict(@RequestParam("file") MultipartFile file) throws IOException {
		return this.classifications.classify(file.getBytes()).thenApply(PredictionResponse::of);
	}

}
