package com.example.classifier.common;

import java.util.Arrays;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serialises jobs and results for Redis. Both services use this one codec, so the wire format has a single definition.
 * <p>
 * A job is one list element: its fields as one line of JSON, a newline, then the image bytes as they were uploaded.
 * Compact JSON never contains a raw newline, so the first one ends the header. Keeping the image out of the JSON
 * spares base64 (a third more bytes through Redis, and an encode plus a decode of the whole photo per job), and the
 * element stays one atomic unit for BLMOVE, LREM and the reaper. Results are plain JSON.
 */
public final class JobCodec {

	private static final byte NEWLINE = '\n';

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

	public byte[] writeJob(ClassificationJob job) {
		byte[] header = this.mapper.writeValueAsBytes(JobHeader.of(job));
		byte[] image = (job.image() != null) ? job.image() : new byte[0];
		byte[] element = Arrays.copyOf(header, header.length + 1 + image.length);
		element[header.length] = NEWLINE;
		System.arraycopy(image, 0, element, header.length + 1, image.length);
		return element;
	}

	/**
	 * Reads a job element. An element without a newline is read as a whole-JSON job with a base64 {@code image}
	 * field, the format before this one, so jobs queued by an older api instance are still served.
	 */
	public ClassificationJob readJob(byte[] element) {
		int newline = indexOf(element, NEWLINE);
		if (newline < 0) {
			return this.mapper.readValue(element, ClassificationJob.class);
		}
		JobHeader header = this.mapper.readValue(element, 0, newline, JobHeader.class);
		return header.withImage(Arrays.copyOfRange(element, newline + 1, element.length));
	}

	public String writeResult(ClassificationResult result) {
		return this.mapper.writeValueAsString(result);
	}

	public ClassificationResult readResult(String json) {
		return this.mapper.readValue(json, ClassificationResult.class);
	}

	private static int indexOf(byte[] bytes, byte value) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == value) {
				return i;
			}
		}
		return -1;
	}

	/** A job's fields without the image: the JSON line of a job element. */
	record JobHeader(String id, String imageSha256, String replyTo, long enqueuedAtMillis, long deadlineMillis,
			int attempt) {

		static JobHeader of(ClassificationJob job) {
			return new JobHeader(job.id(), job.imageSha256(), job.replyTo(), job.enqueuedAtMillis(),
					job.deadlineMillis(), job.attempt());
		}

		ClassificationJob withImage(byte[] image) {
			return new ClassificationJob(this.id, this.imageSha256, image, this.replyTo, this.enqueuedAtMillis,
					this.deadlineMillis, this.attempt);
		}

	}

}
