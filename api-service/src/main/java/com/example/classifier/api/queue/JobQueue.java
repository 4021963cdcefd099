package com.example.classifier.api.queue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.example.classifier.common.ClassificationJob;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.LuaScripts;
import com.example.classifier.common.ModelName;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.RedisPipelines;

import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.stereotype.Service;

/**
 * Puts classification jobs on their model's Redis list ({@link ModelQueue}, each with its own admission) and hands
 * back a future of the answer. The answer arrives on this
 * instance's reply list, read by {@link ReplyListener}; no request polls and no request holds a Redis connection.
 */
@Service
public class JobQueue {

	/** Sent whole each time (EVAL, as the worker's scripts): inside a pipeline there is no NOSCRIPT fallback. */
	private static final byte[] ENQUEUE_BOUNDED = LuaScripts.text("scripts/enqueue-bounded.lua")
		.getBytes(StandardCharsets.UTF_8);

	private static final long IMAGE_GRACE_SECONDS = 60;

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final JobCodec codec;

	private final PendingReplies pending;

	private final QueueProperties properties;

	private final Clock clock;

	private final ModelQueues queues;

	JobQueue(StringRedisTemplate redis, RedisKeys keys, JobCodec codec, PendingReplies pending,
			QueueProperties properties, Clock clock, ModelQueues queues) {
		this.redis = redis;
		this.keys = keys;
		this.codec = codec;
		this.pending = pending;
		this.properties = properties;
		this.clock = clock;
		this.queues = queues;
	}

	/**
	 * Refuses at once, before the upload is hashed and stored, when the queue is already at its bound: under overload
	 * a refusal then costs one Redis read, not a hash and a disk write. While the queue was below its bound when last
	 * seen, nothing is asked (a round trip less per request); the bounded enqueue still has the last word for the
	 * uploads let through, and its answer keeps the known depth current.
	 * @throws QueueFullException when the queue is full
	 */
	public void admit(ModelName model) {
		ModelQueue queue = this.queues.of(model);
		if (queue.admission().lastKnownBelowLimit()) {
			return;
		}
		long depth = freshDepth(queue);
		if (depth >= queue.admission().depthLimit()) {
			throw queue.admission().queueFull(depth);
		}
	}

	/**
	 * Takes a place for an upload before its body is read: the queue's depth plus the uploads this instance is
	 * already reading must leave room for it. Asks Redis only when the depth last seen leaves none.
	 * @return the place, to release once the upload is queued or has failed
	 * @throws QueueFullException when there is no room
	 */
	public UploadPlace reserveUpload(ModelName model) {
		ModelQueue queue = this.queues.of(model);
		Admission admission = queue.admission();
		UploadPlace place = admission.tryReserveUpload();
		if (place == null) {
			long depth = freshDepth(queue);
			// A slow sender about to lose its place (at most queue.upload-stall-timeout): wait in line for it rather
			// than refuse. Without this, 200 slow clients reconnecting every 10 s now and then held every place for
			// the 250 ms a fresh one is protected, and a normal upload got 503.
			place = queue.placeLine().await();
			if (place == null) {
				throw admission.queueFull(depth + admission.uploadsInFlight());
			}
		}
		return place;
	}

	/** The queue's depth from Redis, or the last known one while another request of this instance is reading it. */
	private long freshDepth(ModelQueue queue) {
		Admission admission = queue.admission();
		if (!admission.startDepthRead()) {
			return admission.lastKnownDepth();
		}
		try {
			Long depth = this.redis.opsForList().size(queue.key());
			if (depth == null) {
				return 0;
			}
			queue.recordDepth(depth);
			return depth;
		}
		finally {
			admission.depthReadDone();
		}
	}

	/**
	 * Queues the image and returns its job id and the future answer. The future fails with a
	 * {@link java.util.concurrent.TimeoutException} after the configured request timeout.
	 * @throws QueueFullException at once when the queue is at its bound
	 */
	public SubmittedJob submit(byte[] image, String sha256, ModelName model) {
		ClassificationJob job = newJob(image, sha256, this.properties.requestTimeout(), model);
		CompletableFuture<ClassificationResult> answer = this.pending.register(job.id(),
				this.properties.requestTimeout());
		try {
			enqueue(job);
		}
		catch (RuntimeException ex) {
			this.pending.abandon(job.id());
			throw ex;
		}
		return new SubmittedJob(job.id(), answer);
	}

	/**
	 * Queues the image for a caller who will fetch the result by id later; nothing waits here.
	 * @return the job id
	 * @throws QueueFullException at once when the queue is at its bound
	 */
	public String submitDetached(byte[] image, String sha256, ModelName model) {
		ClassificationJob job = newJob(image, sha256, this.properties.detachedTimeout(), model);
		this.redis.opsForValue().set(this.keys.jobStatus(job.id()), "queued", this.properties.detachedTimeout());
		enqueue(job);
		return job.id();
	}

	/** Whether a detached job with this id was queued and has not yet outlived its deadline. */
	public boolean isKnown(String jobId) {
		return Boolean.TRUE.equals(this.redis.hasKey(this.keys.jobStatus(jobId)));
	}

	/** The job names its model even when it is the default one: the reaper puts it back on the same queue. */
	private ClassificationJob newJob(byte[] image, String sha256, Duration timeout, ModelName model) {
		long now = this.clock.millis();
		return new ClassificationJob(UUID.randomUUID().toString(), sha256, image,
				this.keys.replies(this.properties.instanceId()), now, now + timeout.toMillis(), 0, model.value());
	}

	private void enqueue(ClassificationJob job) {
		// The image outlives the job's deadline by a margin: a worker that takes the job in time finds it.
		long imageTtlSeconds = Math.max(1, (job.deadlineMillis() - this.clock.millis()) / 1000) + IMAGE_GRACE_SECONDS;
		ModelQueue queue = this.queues.of(new ModelName(job.model()));
		byte[] imageKey = this.keys.image(job.id()).getBytes(StandardCharsets.UTF_8);
		byte[] jobElement = this.codec.writeJob(job);
		byte[] limit = ascii(queue.admission().depthLimit());
		// One round trip: the image by a plain SET (raw bytes, see JobCodec), then the bounded enqueue, pipelined. The
		// image is not an argument of the script: Redis copies a script's arguments into Lua, which made a 1.4 MB
		// phone photo's enqueue 4.2-5.2 ms against 2.6 for a SET (Jedis, 100 each, docs/performance.md), with Redis
		// busy for all of it. Set first, so that a worker never takes a job whose image is not there yet.
		List<Object> replies = RedisPipelines.run(this.redis, (connection) -> {
			connection.stringCommands()
				.set(imageKey, job.image(), Expiration.seconds(imageTtlSeconds), SetOption.upsert());
			connection.scriptingCommands()
				.eval(ENQUEUE_BOUNDED, ReturnType.INTEGER, 3, queue.key().getBytes(StandardCharsets.UTF_8), imageKey,
						queue.enqueuedKey().getBytes(StandardCharsets.UTF_8), jobElement, limit);
			return null;
		}, "enqueue");
		if (replies.size() < 2 || !(replies.get(1) instanceof Long depth)) {
			return;
		}
		queue.recordDepth((depth < 0) ? -depth - 1 : depth);
		if (depth < 0) {
			throw queue.admission().queueFull(-depth - 1);
		}
	}

	private static byte[] ascii(long number) {
		return String.valueOf(number).getBytes(StandardCharsets.US_ASCII);
	}

	/** A queued job: its id and its future answer. */
	public record SubmittedJob(String id, CompletableFuture<ClassificationResult> answer) {
	}

}
