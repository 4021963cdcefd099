package com.example.classifier.common;

import java.time.Instant;

/**
 * A unit of work on the Redis job list. The list element holds everything but the image; the image bytes travel
 * through Redis under {@link RedisKeys#image(String)} (so a model worker on another host needs no shared volume), and
 * the worker attaches them after taking the job.
 *
 * @param id unique job id, also the key of its result
 * @param imageSha256 hex SHA-256 of {@code image}; lets workers answer repeated photos from the result cache
 * @param image the uploaded bytes, validated as an image by the api-service; null in a job just read from the list
 * @param replyTo the reply list of the api instance waiting for the answer
 * @param enqueuedAtMillis epoch millis when the job was queued
 * @param deadlineMillis epoch millis after which nobody waits for the answer any more
 * @param attempt how many times a worker has taken this job before (0 on first delivery)
 * @param model the {@link ModelName} the job is for; null (a job of an api from before there were several models) =
 * the default model. Only the orphan reaper reads it: a worker takes from its own model's queue
 */
public record ClassificationJob(String id, String imageSha256, byte[] image, String replyTo, long enqueuedAtMillis,
		long deadlineMillis, int attempt, String model) {

	/** A job for the default model. */
	public ClassificationJob(String id, String imageSha256, byte[] image, String replyTo, long enqueuedAtMillis,
			long deadlineMillis, int attempt) {
		this(id, imageSha256, image, replyTo, enqueuedAtMillis, deadlineMillis, attempt, null);
	}

	public boolean isExpired(Instant now) {
		return now.toEpochMilli() > this.deadlineMillis;
	}

	public ClassificationJob withImage(byte[] bytes) {
		return new ClassificationJob(this.id, this.imageSha256, bytes, this.replyTo, this.enqueuedAtMillis,
				this.deadlineMillis, this.attempt, this.model);
	}

	public ClassificationJob nextAttempt() {
		return new ClassificationJob(this.id, this.imageSha256, this.image, this.replyTo, this.enqueuedAtMillis,
				this.deadlineMillis, this.attempt + 1, this.model);
	}

	@Override
	public String toString() {
		// Never dump the image bytes into logs.
		return "ClassificationJob[id=%s, model=%s, sha256=%s, bytes=%d, replyTo=%s, attempt=%d]".formatted(this.id,
				this.model, this.imageSha256, this.image == null ? 0 : this.image.length, this.replyTo, this.attempt);
	}

}
