package com.example.classifier.api.models;

import java.time.Duration;

import com.example.classifier.common.JobCodec;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.WorkerAnnouncement;

import org.springframework.data.redis.core.StringRedisTemplate;

/** Workers' heartbeats written as a worker writes them, for slice tests that have no worker process. */
public record Heartbeats(StringRedisTemplate redis, RedisKeys keys, JobCodec codec) {

	public void announce(String workerId, String model, String engine, double imagesPerSecond) {
		announce(workerId, new WorkerAnnouncement(model, model + ".file@0a1b2c3d", engine, 224, 224, 1000, 1, 8,
				imagesPerSecond, System.currentTimeMillis()));
	}

	/** A worker of the model with {@code threads} consumer threads taking batches of up to {@code maxBatch}. */
	public void announce(String workerId, String model, int threads, int maxBatch) {
		announce(workerId, new WorkerAnnouncement(model, model + ".file@0a1b2c3d", "dl4j", 224, 224, 1000, threads,
				maxBatch, 0, System.currentTimeMillis()));
	}

	private void announce(String workerId, WorkerAnnouncement announced) {
		this.redis.opsForValue()
			.set(this.keys.workerHeartbeat(workerId), this.codec.writeAnnouncement(announced), Duration.ofMinutes(1));
	}

	/** What a worker from before there were several models writes: its clock's millis. */
	public void announceAsOlderWorker(String workerId) {
		this.redis.opsForValue()
			.set(this.keys.workerHeartbeat(workerId), String.valueOf(System.currentTimeMillis()),
					Duration.ofMinutes(1));
	}

	/** The worker died: its heartbeat expired. */
	public void stop(String workerId) {
		this.redis.delete(this.keys.workerHeartbeat(workerId));
	}

	/** Past the api's one-second cache of the heartbeats. */
	public static void waitForTheCacheToExpire() {
		try {
			// Test only: the live models are read at most once a second.
			Thread.sleep(1100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
