package com.example.classifier.common;

import java.util.List;

/**
 * What a model worker answers for one job. Written to the job's result key (with a TTL) and pushed to the reply list
 * of the api instance that is waiting.
 *
 * @param jobId the job this answers
 * @param status outcome
 * @param model id of the model that produced the answer (name and weights)
 * @param predictions top-k classes, best first; empty unless {@code status} is {@link Status#OK}
 * @param error a message for people when the job failed
 * @param inferenceMillis time spent in the engine for the batch that held this job
 * @param batchSize size of that batch
 * @param cached true when the answer came from the result cache, with no inference
 * @param worker id of the worker that answered
 */
public record ClassificationResult(String jobId, Status status, String model, List<Prediction> predictions,
		String error, long inferenceMillis, int batchSize, boolean cached, String worker) {

	public ClassificationResult {
		predictions = (predictions != null) ? List.copyOf(predictions) : List.of();
	}

	public enum Status {

		/** Classified. */
		OK,
		/** The image could not be decoded or classified; retrying will not help. */
		FAILED,
		/** The deadline passed before a worker got to it. */
		EXPIRED

	}

	public static ClassificationResult ok(String jobId, String model, List<Prediction> predictions,
			long inferenceMillis, int batchSize, String worker) {
		return new ClassificationResult(jobId, Status.OK, model, predictions, null, inferenceMillis,
				batchSize, false, worker);
	}

	public static ClassificationResult failed(String jobId, String model, String error, String worker) {
		return new ClassificationResult(jobId, Status.FAILED, model, List.of(), error, 0, 0, false, worker);
	}

	public ClassificationResult fromCache(String jobId, String worker) {
		return new ClassificationResult(jobId, this.status, this.model, this.predictions, this.error, 0, 0, true,
				worker);
	}

	public Prediction top() {
		return this.predictions.isEmpty() ? null : this.predictions.get(0);
	}

}
