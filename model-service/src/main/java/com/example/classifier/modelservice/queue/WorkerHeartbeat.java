package com.example.classifier.modelservice.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;

import com.example.classifier.common.JobCodec;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.WorkerAnnouncement;
import com.example.classifier.modelservice.model.ImageClassifier;
import com.example.classifier.modelservice.model.ServedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells the world this worker is alive while its consumer loop turns: a Redis key with a TTL holding its {@link
 * WorkerAnnouncement} (the api learns from it which models are live, how many workers each has and how fast they
 * go; the reaper of dead workers' jobs reads its existence) and a file whose age the container health check reads. Once a
 * consumer thread has died ({@link ConsumerLiveness}) both stop and the file is deleted, so the health check fails at
 * its next run instead of a minute later.
 */
@Component
class WorkerHeartbeat {

	private static final Logger log = LoggerFactory.getLogger(WorkerHeartbeat.class);

	private static final Duration STALLED_AFTER = Duration.ofSeconds(60);

	private final StringRedisTemplate redis;

	private final JobWorker worker;

	private final ConsumerLiveness liveness;

	private final String key;

	private final Duration ttl;

	private final Path aliveFile;

	private final Clock clock;

	private final JobCodec codec;

	private final ImageClassifier classifier;

	private final ServedModel served;

	private final WorkerMetrics metrics;

	private final int threads;

	private final int maxBatch;

	private long lastImages;

	private long lastNanos = System.nanoTime();

	WorkerHeartbeat(StringRedisTemplate redis, JobWorker worker, ConsumerLiveness liveness, RedisKeys keys,
			WorkerProperties properties, Clock clock, JobCodec codec, ImageClassifier classifier, ServedModel served,
			WorkerMetrics metrics) {
		this.codec = codec;
		this.classifier = classifier;
		this.served = served;
		this.metrics = metrics;
		this.threads = properties.threads();
		this.maxBatch = properties.maxBatch();
		this.redis = redis;
		this.worker = worker;
		this.liveness = liveness;
		this.key = keys.workerHeartbeat(properties.id());
		this.ttl = properties.heartbeatTtl();
		this.aliveFile = properties.aliveFile();
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${worker.heartbeat-interval:3s}")
	void beat() {
		if (this.liveness.isBroken()) {
			deleteAliveFile();
			return;
		}
		if (!this.worker.isConsuming(STALLED_AFTER)) {
			return;
		}
		try {
			this.redis.opsForValue().set(this.key, this.codec.writeAnnouncement(announcement()), this.ttl);
			touch();
		}
		catch (DataAccessException ex) {
			log.debug("Heartbeat not written: {}", ex.getMessage());
		}
	}

	/** What this worker serves, and the images it classified per second since the last beat. */
	private WorkerAnnouncement announcement() {
		long images = this.metrics.imagesClassified();
		long now = System.nanoTime();
		double perSecond = (now > this.lastNanos) ? (images - this.lastImages) * 1e9 / (now - this.lastNanos) : 0;
		this.lastImages = images;
		this.lastNanos = now;
		return new WorkerAnnouncement(this.served.name().value(), this.classifier.modelId(), this.classifier.engine(),
				this.classifier.inputHeight(), this.classifier.inputWidth(), this.classifier.classes(), this.threads,
				this.maxBatch, Math.round(perSecond * 10) / 10.0, this.clock.millis());
	}

	private void touch() {
		try {
			if (Files.exists(this.aliveFile)) {
				Files.setLastModifiedTime(this.aliveFile, FileTime.from(this.clock.instant()));
			}
			else {
				Files.createFile(this.aliveFile);
			}
		}
		catch (IOException ex) {
			log.debug("Alive file not touched: {}", ex.getMessage());
		}
	}

	private void deleteAliveFile() {
		try {
			Files.deleteIfExists(this.aliveFile);
		}
		catch (IOException ex) {
			log.debug("Alive file not deleted: {}", ex.getMessage());
		}
	}

}
