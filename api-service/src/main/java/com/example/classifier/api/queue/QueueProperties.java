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
 * @param minDepth the bound never drops below this, however slow the workers were lately, and it is the bound until
 *        answers have been measured; unset (the default): one batch for every live worker (what their heartbeats say
 *        they take at once), two until answers have been measured, 16 while no worker says
 * @param targetLatency how long an accepted request should wait for its answer: the queue holds only what the workers
 *        are measured to answer within it (bound = drain rate × (target − 3 batch times)); the rest get 503 at once.
 *        {@code requestTimeout} stays the hard deadline of an accepted request
 * @param detachedTimeout deadline of jobs submitted with {@code POST /jobs}, whose callers fetch the result later
 * @param uploadStallTimeout an upload whose body has received nothing for this long gives its place in the queue to
 *        an upload that needs one (and gets 408); a place is held only while data flows
 */
@Validated
@ConfigurationProperties("queue")
public record QueueProperties(@DefaultValue("classifier") @NotBlank String keyPrefix,
		@DefaultValue("30s") @NotNull Duration requestTimeout, @DefaultValue("1s") @NotNull Duration blockTimeout,
		String instanceId, @DefaultValue("1000") @Min(1) int maxDepth, @Min(1) Integer minDepth,
		@DefaultValue("10m") @NotNull Duration detachedTimeout,
		@DefaultValue("250ms") @NotNull Duration uploadStallTimeout,
		@DefaultValue("2s") @NotNull Duration targetLatency) {

	public QueueProperties {
		if (instanceId == null || instanceId.isBlank()) {
			instanceId = "api-" + UUID.randomUUID();
		}
	}

}
