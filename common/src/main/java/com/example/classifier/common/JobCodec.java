package com.example.classifier.common;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serialises jobs and results to the JSON stored in Redis. Both services use this one codec, so the wire format has a
 * single definition.
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

	public String writeJob(ClassificationJob job) {
		return this.mapper.writeValueAsString(job);
	}

	public ClassificationJob readJob(String json) {
		return this.mapper.readValue(json, ClassificationJob.class);
	}

	public String writeResult(ClassificationResult result) {
		return this.mapper.writeValueAsString(result);
	}

	public ClassificationResult readResult(String json) {
		return this.mapper.readValue(json, ClassificationResult.class);
	}

}
