package com.example.classifier.api.predict;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import com.example.classifier.api.predict.ClassificationMetrics.Outcome;
import com.example.classifier.api.queue.JobQueue;
import com.example.classifier.api.queue.JobQueue.SubmittedJob;
import com.example.classifier.api.queue.QueueFullException;
import com.example.classifier.api.queue.QueueProperties;
import com.example.classifier.api.queue.UploadPlace;
import com.example.classifier.api.upload.ImageFormat;
import com.example.classifier.api.upload.ImageInspector;
import com.example.classifier.api.upload.ImageInspector.InspectedImage;
import com.example.classifier.api.upload.UploadRejectedException;
import com.example.classifier.api.upload.UploadStore;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.Hashes;
import com.example.classifier.common.ModelName;
import org.slf4j.MDC;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The one path from uploaded bytes to a classification, shared by the JSON API and the web page: inspect, queue,
 * store, and turn the worker's answer (or its absence) into a result or a {@link ClassificationFailedException}.
 */
@Service
public class ClassificationService {

	/** MDC key: every log line about a job carries its id. */
	public static final String JOB_ID = "jobId";

	private final ImageInspector inspector;

	private final UploadStore store;

	private final JobQueue queue;

	private final ClassificationMetrics metrics;

	private final long timeoutSeconds;

	ClassificationService(ImageInspector inspector, UploadStore store, JobQueue queue, ClassificationMetrics metrics,
			QueueProperties properties) {
		this.inspector = inspector;
		this.store = store;
		this.queue = queue;
		this.metrics = metrics;
		this.timeoutSeconds = properties.requestTimeout().toSeconds();
	}

	/**
	 * Validates and queues the image. Invalid uploads fail at once with an {@link UploadRejectedException}, a full
	 * queue with a {@link QueueFullException}; the returned future completes with the classification or fails with a
	 * {@link ClassificationFailedException}.
	 * @param model the model to ask, as routed ({@link com.example.classifier.api.models.ModelRouter})
	 */
	public CompletableFuture<Classification> classify(byte[] bytes, ModelName model) {
		long started = System.nanoTime();
		Accepted accepted = accept(bytes, started, model);
		SubmittedJob job = submit(() -> this.queue.submit(bytes, accepted.sha256(), model), started);
		MDC.put(JOB_ID, job.id());
		// Written while the worker classifies: the page needs the file only once the answer is shown.
		String filename = this.store.store(bytes, accepted.sha256(), accepted.format());
		return job.answer()
			.handle((result, failure) -> toClassification(job.id(), filename, model, result, failure, started));
	}

	/**
	 * Validates and queues the image without waiting for the answer ({@code POST /jobs}); the result is read later
	 * by id.
	 */
	public QueuedJob enqueue(byte[] bytes, ModelName model) {
		long started = System.nanoTime();
		Accepted accepted = accept(bytes, started, model);
		String jobId = submit(() -> this.queue.submitDetached(bytes, accepted.sha256(), model), started);
		MDC.put(JOB_ID, jobId);
		return new QueuedJob(jobId, this.store.store(bytes, accepted.sha256(), accepted.format()));
	}

	private Accepted accept(byte[] bytes, long started, ModelName model) {
		InspectedImage image;
		try {
			image = this.inspector.inspect(bytes);
		}
		catch (UploadRejectedException ex) {
			this.metrics.record(Outcome.INVALID, null, System.nanoTime() - started);
			throw ex;
		}
		// A full queue (or Redis gone) refuses a valid upload before it is hashed and written to disk: under
		// overload, refusals stay cheap. (Usually EarlyAdmission has already asked, before the upload was read.)
		admit(started, model);
		return new Accepted(Hashes.sha256Hex(bytes), image.format());
	}

	/**
	 * Takes a place in the model's queue for an upload before its body is read (see
	 * {@link JobQueue#reserveUpload(ModelName)}).
	 * @throws QueueFullException when the queue and the uploads already being read fill it
	 * @throws ClassificationFailedException (503) when Redis is unreachable
	 */
	public UploadPlace reserveUpload(ModelName model) {
		return submit(() -> this.queue.reserveUpload(model), System.nanoTime());
	}

	private void admit(long started, ModelName model) {
		submit(() -> {
			this.queue.admit(model);
			return null;
		}, started);
	}

	private <T> T submit(java.util.function.Supplier<T> submission, long started) {
		try {
			return submission.get();
		}
		catch (QueueFullException ex) {
			this.metrics.record(Outcome.REJECTED, null, System.nanoTime() - started);
			throw ex;
		}
		catch (DataAccessException ex) {
			this.metrics.record(Outcome.UNAVAILABLE, null, System.nanoTime() - started);
			throw new ClassificationFailedException(HttpStatus.SERVICE_UNAVAILABLE,
					"The job queue is unavailable; please try again shortly.");
		}
	}

	private Classification toClassification(String jobId, String filename, ModelName model,
			ClassificationResult result, Throwable failure, long started) {
		long elapsed = System.nanoTime() - started;
		Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
		if (cause instanceof TimeoutException) {
			this.metrics.record(Outcome.TIMED_OUT, model, elapsed);
			throw new ClassificationFailedException(HttpStatus.GATEWAY_TIMEOUT,
					"No model worker answered within %d s; please try again later.".formatted(this.timeoutSeconds));
		}
		if (cause != null) {
			this.metrics.record(Outcome.UNAVAILABLE, model, elapsed);
			throw new ClassificationFailedException(HttpStatus.SERVICE_UNAVAILABLE,
					"The classification could not be completed; please try again.");
		}
		return switch (result.status()) {
			case OK -> {
				this.metrics.record(result.cached() ? Outcome.CACHED : Outcome.ANSWERED, model, elapsed);
				yield new Classification(jobId, filename, result, elapsed / 1_000_000, model);
			}
			case FAILED -> {
				this.metrics.record(Outcome.FAILED, model, elapsed);
				// Undecodable: no page will show it, and a refused upload must not take disk space.
				this.store.discard(filename);
				throw new ClassificationFailedException(HttpStatus.UNPROCESSABLE_CONTENT,
						"The image could not be classified: " + result.error());
			}
			case EXPIRED -> {
				this.metrics.record(Outcome.EXPIRED, model, elapsed);
				throw new ClassificationFailedException(HttpStatus.GATEWAY_TIMEOUT,
						"The job expired before a model worker got to it; please try again later.");
			}
		};
	}

	/** A valid upload, not yet on disk. */
	private record Accepted(String sha256, ImageFormat format) {
	}

	/** A job queued without waiting: read its result later with {@code GET /jobs/{id}}. */
	public record QueuedJob(String jobId, String filename) {
	}

}
