package com.example.classifier.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serialises jobs and results to the JSON stored in Redis. Both services use this one codec, so the wire format has a
 * single definition.
 * <p>
 * A job's list element is its fields without the image (a couple of hundred bytes); the image is stored as raw bytes
 * under {@link RedisKeys#image(String)}. No base64, and the element the answer script removes by value stays small.
 */
public final class JobCodec {

	private final JsonMapper mapper;

	public JobCodec() {
		// Tolerant reading: a newer or older peer (or a Lua script) may add or leave out fields during a rolling update.
		this(JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build());
	}

	public JobCodec(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** The job's list element: every field but the image. */
	public byte[] writeJob(ClassificationJob job) {
		return this.mapper.writeValueAsBytes(JobFields.of(job));
	}

	/**
	 * Reads a list element. Its image is null unless the element is of the format before 2026-11-28, which carried
	 * the image inside the JSON in base64: workers refuse such a job with a failed answer (no current api queues one,
	 * so it never passed the api's checks).
	 */
	public ClassificationJob readJob(byte[] element) {
		return this.mapper.readValue(element, ClassificationJob.class);
	}

	public String writeResult(ClassificationResult result) {
		return this.mapper.writeValueAsString(result);
	}

	public ClassificationResult readResult(String json) {
		return this.mapper.readValue(json, ClassificationResult.class);
	}

	/** A worker's heartbeat value. */
	public String writeAnnouncement(WorkerAnnouncement announcement) {
		return this.mapper.writeValueAsString(announcement);
	}

	/**
	 * Reads a heartbeat value. A worker from before there were several models wrote only its clock's millis: it serves
	 * the default model (it takes from the legacy queue), and little else is known of it.
	 * @throws IllegalArgumentException for a value that is neither
	 */
	public WorkerAnnouncement readAnnouncement(String value, ModelName defaultModel) {
		String trimmed = value.trim();
		if (!trimmed.startsWith("{")) {
			try {
				return WorkerAnnouncement.legacy(defaultModel, Long.parseLong(trimmed));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("Not a worker announcement: " + trimmed, ex);
			}
		}
		try {
			WorkerAnnouncement read = this.mapper.readValue(trimmed, WorkerAnnouncement.class);
			return ModelName.isValid(read.model()) ? read : read.withModel(defaultModel);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Not a worker announcement: " + ex.getOriginalMessage(), ex);
		}
	}

	/** A job's fields without the image: what its list element holds. No {@code model} for a default-model job. */
	record JobFields(String id, String imageSha256, String replyTo, long enqueuedAtMillis, long deadlineMillis,
			int attempt, @JsonInclude(JsonInclude.Include.NON_NULL) String model) {

		static JobFields of(ClassificationJob job) {
			return new JobFields(job.id(), job.imageSha256(), job.replyTo(), job.enqueuedAtMillis(),
					job.deadlineMillis(), job.attempt(), job.model());
		}

	}

}
