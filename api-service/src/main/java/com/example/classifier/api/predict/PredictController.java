package com.example.classifier.api.predict;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

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

	private final ApiProperties api;

	PredictController(ClassificationService classifications, ApiProperties api) {
		this.classifications = classifications;
		this.api = api;
	}

	@Operation(summary = "Classify one photo",
			description = "Multipart field `file` (JPEG, PNG, GIF, BMP or TIFF; validated by content, not name).")
	@ApiResponse(responseCode = "200", description = "The top class, its score and the top-5 "
			+ "(with api.response-style=seed exactly {success, prediction, score})",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(oneOf = { PredictionResponse.class, SeedResponse.class })))
	@ApiResponse(responseCode = "400", description = "No file, an empty file, or not an image",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "413", description = "Larger than the upload limit",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "415", description = "An image format the service cannot decode (WebP)",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "422", description = "Truncated, damaged, or more pixels than allowed",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "503", description = "Busy (see Retry-After) or the queue is unavailable",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "504", description = "No model worker answered in time",
			content = @Content(mediaType = "application/problem+json"))
	@PostMapping(path = "/predict", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	CompletableFuture<Object> predict(@RequestParam("file") MultipartFile file) throws IOException {
		return this.classifications.classify(file.getBytes())
			.thenApply((classification) -> this.api.seedStyle() ? SeedResponse.of(classification)
					: PredictionResponse.of(classification));
	}

}
