package com.example.classifier.modelservice.queue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import com.example.classifier.common.Backoff;
import com.example.classifier.common.ClassificationJob;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.LuaScripts;
import com.example.classifier.common.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.GenericToStringSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.stereotype.Component;

/** Writes answers back to Redis and acknowledges the jobs they answer. */
@Component
class ResultWriter {

	private static final Logger log = LoggerFactory.getLogger(ResultWriter.class);

	private static final RedisScript<Long> ANSWER_JOB = LuaScripts.load("scripts/answer-job.lua", Long.class);

	private static final RedisSerializer<Long> LONG = new GenericToStringSerializer<>(Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final JobCodec codec;

	private final String processingKey;

	private final QueueProperties queue;

	private final Clock clock;

	private final DeadLetters deadLetters;

	ResultWriter(StringRedisTemplate redis, RedisKeys keys, JobCodec codec, QueueProperties queue,
			WorkerProperties worker, Clock clock, DeadLetters deadLetters) {
		this.redis = redis;
		this.keys = keys;
		this.codec = codec;
		this.processingKey = keys.processing(worker.id());
		this.queue = queue;
		this.clock = clock;
		this.deadLetters = deadLetters;
	}

	/**
	 * Stores and delivers the answer; when {@code cacheable}, also caches it for the image and model. While Redis is
	 * unreachable it keeps trying until the job's deadline: the answer is computed, and its caller may still be
	 * waiting (the script makes a repeated attempt harmless).
	 */
	void answer(TakenJob taken, ClassificationResult result, boolean cacheable) {
		ClassificationJob job = taken.job();
		String json = this.codec.writeResult(result);
		String cacheKey = cacheable ? this.keys.cachedResult(result.model(), job.imageSha256()) : "";
		Backoff backoff = new Backoff();
		while (true) {
			try {
				this.redis.execute(ANSWER_JOB, RedisSerializer.byteArray(), LONG,
						List.of(this.keys.result(job.id()), job.replyTo(), this.processingKey, cacheKey,
								this.keys.image(job.id())),
						utf8(json),
						seconds(this.queue.resultTtl()), taken.raw(), seconds(this.queue.replyTtl()), utf8(json),
						seconds(this.queue.cacheTtl()));
				return;
			}
			catch (DataAccessException ex) {
				if (job.isExpired(this.clock.instant()) || !backoff.pause()) {
					throw ex;
				}
				log.warn("Answer to job {} not written ({}); retrying", job.id(), ex.getMessage());
			}
		}
	}

	/** Acknowledges a job without answering it (expired: nobody is waiting any more), and deletes its image. */
	void drop(TakenJob taken) {
		this.redis.execute((RedisCallback<Long>) (connection) -> connection.listCommands()
			.lRem(utf8(this.processingKey), 1, taken.raw()));
		if (taken.job() != null) {
			this.redis.delete(this.keys.image(taken.job().id()));
		}
	}

	/** Moves a job that must not be retried to the (capped) dead-letter list. */
	void deadLetter(TakenJob taken) {
		this.deadLetters.push(taken.raw());
		drop(taken);
	}

	private static byte[] seconds(java.time.Duration duration) {
		return utf8(String.valueOf(Math.max(1, duration.toSeconds())));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	JobCodec codec() {
		return this.codec;
	}

}
