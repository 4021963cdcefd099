package com.example.classifier.modelservice.queue;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Redis side of the worker.
 *
 * @param keyPrefix prefix of every Redis key; must match the api-service's
 * @param blockTimeout how long one BLMOVE on the job list blocks; well below the Redis command timeout
 * @param resultTtl how long a job's result stays readable under its id
 * @param cacheTtl how long an answer is reused for the same image and model
 * @param replyTtl how long an unread reply list lives (its api instance may have died)
 * @param maxDeadLetters most jobs kept on the dead-letter list; the oldest beyond it are dropped and counted
 */
@Validated
@ConfigurationProperties("queue")
public record QueueProperties(@DefaultValue("classifier") @NotBlank String keyPrefix,
		@DefaultValue("1s") @NotNull Duration blockTimeout, @DefaultValue("10m") @NotNull Duration resultTtl,
		@DefaultValue("1h") @NotNull Duration cacheTtl, @DefaultValue("5m") @NotNull Duration replyTtl,
		@DefaultValue("10000") @Min(1) int maxDeadLetters) {
}
