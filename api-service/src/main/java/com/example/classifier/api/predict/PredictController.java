package com.example.classifier.api.predict;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import com.example.classifier.api.models.ModelRouter;
import io.swagger.v3.oas.annotations.Parameter;

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
 * {@code POST /predict}: classify one uploaded photo, by the model the optional {@code model} names (a comma list
 * compares several). The request thread is released while the job waits in the queue; the answer is written when the
 * worker's reply arrives.
 */
@RestController
class PredictController {

	private final ClassificationService classifications;

	private final ModelComparison comparison;

	private final ModelRouter router;

	private final ApiProperties api;

	PredictController(ClassificationService classifications, ModelComparison comparison, ModelRouter router,
			ApiProperties api) {
		this.classifications = classifications;
		this.comparison = comparison;
		this.router = router;
		this.api = api;
	}

	@Operation(summary = "Classify one photo",
			description = "Multipart field `file` (JPEG, PNG, GIF, BMP or TIFF; validated by content, not name). "
					+ "Optional `model` (query parameter or multipart field): the model to ask, as `GET /models` "
					+ "lists them; none = the default model. Several separated by commas (`?model=a,b`, at most 4) "
					+ "compare: each model's answer side by side.")
	@ApiResponse(responseCode = "200", description = "The top class, its score and the top-5 "
			+ "(with api.response-style=seed exactly {success, prediction, score}); with `model=a,b` each model's "
			+ "answer side by side",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(oneOf = { PredictionResponse.class, SeedResponse.class, CompareResponse.class })))
	@ApiResponse(responseCode = "400", description = "No file, an empty file, not an image, or a `model` that is not "
			+ "a model's name (the answer's `liveModels` lists those that are live)",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "413", description = "Larger than the upload limit",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "415", description = "An image format the service cannot decode (WebP)",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "422", description = "Truncated, damaged, or more pixels than allowed",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "503", description = "Busy (see Retry-After), the queue is unavailable, or the "
			+ "`model` asked has no live worker now (Retry-After; `liveModels` lists those that are live)",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "504", description = "No model worker answered in time",
			content = @Content(mediaType = "application/problem+json"))
	@PostMapping(path = "/predict", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	CompletableFuture<Object> predict(@RequestParam("file") MultipartFile file,
			@Parameter(description = "Model name, or several separated by commas to compare; none = the default")
			@RequestParam(name = "model", required = false) String model) throws IOException {
		if (ModelRouter.isComparison(model)) {
			return this.comparison.compare(file.getBytes(), this.router.routeAll(model))
				.thenApply(CompareResponse::of);
		}
		return this.classifications.classify(file.getBytes(), this.router.route(model))
			.thenApply((classification) -> this.api.seedStyle() ? SeedResponse.of(classification)
					: PredictionResponse.of(classification));
	}

}
