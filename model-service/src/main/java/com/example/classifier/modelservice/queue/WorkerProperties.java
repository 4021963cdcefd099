package com.example.classifier.modelservice.queue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this worker takes jobs.
 *
 * @param id names this worker's processing list and heartbeat; unique per process by default
 * @param threads consumer threads in this process, each taking and running its own batches
 * @param maxBatch most jobs run through the model at once; only jobs already waiting are added to a batch
 * @param maxWait how long to wait for more jobs to fill a batch once the first has arrived (0 = never wait)
 * @param heartbeatInterval how often the worker announces it is alive
 * @param heartbeatTtl how long an announcement lasts; a worker silent for longer counts as dead
 * @param aliveFile file touched with every heartbeat, for container health checks
 * @param reapInterval how often this worker looks for jobs held by dead workers
 * @param maxAttempts a job taken by this many workers that all died is set aside as a dead letter
 * @param takeJustInTime take the next batch just before the runner needs it rather than as soon as it took the last
 * ({@link TakePacing}): fuller batches under load, and no later answers
 */
@Validated
@ConfigurationProperties("worker")
public record WorkerProperties(String id, @DefaultValue("1") @Min(1) @Max(64) int threads,
		@DefaultValue("8") @Min(1) @Max(256) int maxBatch, @DefaultValue("0ms") @NotNull Duration maxWait,
		@DefaultValue("3s") @NotNull Duration heartbeatInterval, @DefaultValue("10s") @NotNull Duration heartbeatTtl,
		@DefaultValue("${java.io.tmpdir}/model-service.alive") @NotNull Path aliveFile,
		@DefaultValue("5s") @NotNull Duration reapInterval, @DefaultValue("3") @Min(1) int maxAttempts,
		@DefaultValue("true") boolean takeJustInTime) {

	public WorkerProperties {
		if (id == null || id.isBlank()) {
			id = "model-" + ManagementFactory.getRuntimeMXBean().getPid() + "-"
					+ UUID.randomUUID().toString().substring(0, 8);
		}
	}

}
