package com.example.classifier.api.jobs;

import java.util.List;

import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.Prediction;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Status of a job, and its classification once done.
 *
 * @param status {@code queued}, {@code done}, {@code failed} or {@code expired}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobStatusResponse(boolean success, String jobId, String status, String prediction, Double score,
		List<Prediction> predictions, String model, String error, String filename) {

	static JobStatusResponse queued(String jobId, String filename) {
		return new JobStatusResponse(true, jobId, "queued", null, null, null, null, null, filename);
	}

	static JobStatusResponse of(ClassificationResult result) {
		return switch (result.status()) {
			case OK -> new JobStatusResponse(true, result.jobId(), "done", result.top().label(), result.top().score(),
					result.predictions(), result.model(), null, null);
			case FAILED -> new JobStatusResponse(false, result.jobId(), "failed", null, null, null, result.model(),
					result.error(), null);
			case EXPIRED -> new JobStatusResponse(false, result.jobId(), "expired", null, null, null, result.model(),
					"the job expired before a model worker got to it", null);
		};
	}

}
