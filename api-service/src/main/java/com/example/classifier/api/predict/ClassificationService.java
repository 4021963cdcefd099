package com.example.classifier.api.predict;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import com.example.classifier.api.queue.JobQueue;
import com.example.classifier.api.queue.JobQueue.SubmittedJob;
import com.example.classifier.api.queue.QueueProperties;
import com.example.classifier.api.upload.ImageInspector;
import com.example.classifier.api.upload.ImageInspector.InspectedImage;
import com.example.classifier.api.upload.UploadStore;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.Hashes;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The one path from uploaded bytes to a classification, shared by the JSON API and the web page: inspect, store,
 * queue, and turn the worker's answer (or its absence) into a result or a {@link ClassificationFailedException}.
 */
@Service
public class ClassificationService {

	private final ImageInspector inspector;

	private final UploadStore store;

	private final JobQueue queue;

	private final long timeoutSeconds;

	ClassificationService(ImageInspector inspector, UploadStore store, JobQueue queue, QueueProperties properties) {
		this.inspector = inspector;
		this.store = store;
		this.queue = queue;
		this.timeoutSeconds = properties.requestTimeout().toSeconds();
	}

	/**
	 * Validates and queues the image. Invalid uploads fail at once with an
	 * {@link com.example.classifier.api.upload.UploadRejectedException}; the returned future completes with the
	 * classification or fails with a {@link ClassificationFailedException}.
	 */
	public CompletableFuture<Classification> classify(byte[] bytes) {
		long started = System.nanoTime();
		InspectedImage image = this.inspector.inspect(bytes);
		String sha256 = Hashes.sha256Hex(bytes);
		String filename = this.store.store(bytes, sha256, image.format());
		SubmittedJob job;
		try {
			job = this.queue.submit(bytes, sha256);
		}
		catch (DataAccessException ex) {
			throw new ClassificationFailedException(HttpStatus.SERVICE_UNAVAILABLE,
					"The job queue is unavailable; please try again shortly.");
		}
		return job.answer()
			.handle((result, failure) -> toClassification(job.id(), filename, result, failure,
					(System.nanoTime() - started) / 1_000_000));
	}

	private Classification toClassification(String jobId, String filename, ClassificationResult result,
			Throwable failure, long elapsedMillis) {
		Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
		if (cause instanceof TimeoutException) {
			throw new ClassificationFailedException(HttpStatus.GATEWAY_TIMEOUT,
					"No model worker answered within %d s; please try again later.".formatted(this.timeoutSeconds));
		}
		if (cause != null) {
			throw new ClassificationFailedException(HttpStatus.SERVICE_UNAVAILABLE,
					"The classification could not be completed; please try again.");
		}
		return switch (result.status()) {
			case OK -> new Classification(jobId, filename, result, elapsedMillis);
			case FAILED -> throw new ClassificationFailedException(HttpStatus.UNPROCESSABLE_CONTENT,
					"The image could not be classified: " + result.error());
			case EXPIRED -> throw new ClassificationFailedException(HttpStatus.GATEWAY_TIMEOUT,
					"The job expired before a model worker got to it; please try again later.");
		};
	}

}
