package com.example.classifier.api.queue;

import java.time.Duration;
import java.util.UUID;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the api-service talks to the job queue.
 *
 * @param keyPrefix prefix of every Redis key; must match the model-service's
 * @param requestTimeout how long a request waits for its answer before it gets a 504
 * @param blockTimeout how long one BLPOP on the reply list blocks; must stay well below the Redis command timeout
 * @param instanceId names this instance's reply list; random by default so instances never share one
 * @param maxDepth most jobs that may wait in the queue; beyond it requests get 503 with Retry-After at once
 * @param minDepth the bound never drops below this, however slow the workers were lately; it is the bound until
 *        answers have been measured
 * @param detachedTimeout deadline of jobs submitted with {@code POST /jobs}, whose callers fetch the result later
 * @param uploadStallTimeout an upload whose body has received nothing for this long gives its place in the queue to
 *        an upload that needs one (and gets 408); a place is held only while data flows
 */
@Validated
@ConfigurationProperties("queue")
public record QueueProperties(@DefaultValue("classifier") @NotBlank String keyPrefix,
		@DefaultValue("30s") @NotNull Duration requestTimeout, @DefaultValue("1s") @NotNull Duration blockTimeout,
		String instanceId, @DefaultValue("1000") @Min(1) int maxDepth, @DefaultValue("16") @Min(1) int minDepth,
		@DefaultValue("10m") @NotNull Duration detachedTimeout,
		@DefaultValue("250ms") @NotNull Duration uploadStallTimeout) {

	public QueueProperties {
		if (instanceId == null || instanceId.isBlank()) {
			instanceId = "api-" + UUID.randomUUID();
		}
	}

}
