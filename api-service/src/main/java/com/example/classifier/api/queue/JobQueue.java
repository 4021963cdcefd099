package com.example.classifier.api.queue;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.example.classifier.common.ClassificationJob;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.RedisKeys;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

/**
 * Puts classification jobs on the Redis list and hands back a future of the answer. The answer arrives on this
 * instance's reply list, read by {@link ReplyListener}; no request polls and no request holds a Redis connection.
 */
@Service
public class JobQueue {

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final JobCodec codec;

	private final PendingReplies pending;

	private final QueueProperties properties;

	private final Clock clock;

	JobQueue(StringRedisTemplate redis, RedisKeys keys, JobCodec codec, PendingReplies pending,
			QueueProperties properties, Clock clock) {
		this.redis = redis;
		this.keys = keys;
		this.codec = codec;
		this.pending = pending;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Queues the image and returns its job id and the future answer. The future fails with a
	 * {@link java.util.concurrent.TimeoutException} after the configured request timeout.
	 */
	public SubmittedJob submit(byte[] image, String sha256) {
		long now = this.clock.millis();
		long timeout = this.properties.requestTimeout().toMillis();
		ClassificationJob job = new ClassificationJob(UUID.randomUUID().toString(), sha256, image,
				this.keys.replies(this.properties.instanceId()), now, now + timeout, 0);
		CompletableFuture<ClassificationResult> answer = this.pending.register(job.id(),
				this.properties.requestTimeout());
		try {
			this.redis.opsForList().rightPush(this.keys.jobQueue(), this.codec.writeJob(job));
		}
		catch (RuntimeException ex) {
			this.pending.abandon(job.id());
			throw ex;
		}
		return new SubmittedJob(job.id(), answer);
	}

	/** A queued job: its id and its future answer. */
	public record SubmittedJob(String id, CompletableFuture<ClassificationResult> answer) {
	}

}
