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
import com.example.classifier.common.RedisPipelines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** Writes answers back to Redis and acknowledges the jobs they answer. */
@Component
class ResultWriter {

	private static final Logger log = LoggerFactory.getLogger(ResultWriter.class);

	/** Sent with EVAL in a pipeline, as JobSource's and the api's scripts are. */
	private static final byte[] ANSWER_JOB = utf8(LuaScripts.text("scripts/answer-job.lua"));

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
		answerAll(List.of(taken), List.of(result), cacheable);
	}

	/**
	 * Answers a batch's jobs in one round trip: the answer script once per job, pipelined. One after the other, the
	 * last of a batch of 8 reached its caller 7 round trips after the first; in load test #5 on 2 shared cores a round
	 * trip took a median 2.3 ms and a p90 of 11.6 ms (the worker's debug log, 141 batches), so up to ~80 ms. Retried
	 * as {@link #answer} is, until every job's deadline has passed.
	 */
	void answerAll(List<TakenJob> jobs, List<ClassificationResult> results, boolean cacheable) {
		Backoff backoff = new Backoff();
		while (true) {
			try {
				RedisPipelines.run(this.redis, (connection) -> {
					for (int i = 0; i < jobs.size(); i++) {
						connection.scriptingCommands()
							.eval(ANSWER_JOB, ReturnType.INTEGER, 5, keysAndArguments(jobs.get(i), results.get(i), cacheable));
					}
					return null;
				}, "answers");
				return;
			}
			catch (DataAccessException ex) {
				boolean anyWaiting = jobs.stream().anyMatch((taken) -> !taken.job().isExpired(this.clock.instant()));
				if (!anyWaiting || !backoff.pause()) {
					throw ex;
				}
				log.warn("Answers to {} job(s) not written ({}); retrying", jobs.size(), ex.getMessage());
			}
		}
	}

	/** answer-job.lua's five keys, then its six arguments. */
	private byte[][] keysAndArguments(TakenJob taken, ClassificationResult result, boolean cacheable) {
		ClassificationJob job = taken.job();
		byte[] json = utf8(this.codec.writeResult(result));
		String cacheKey = cacheable ? this.keys.cachedResult(result.model(), job.imageSha256()) : "";
		return new byte[][] { utf8(this.keys.result(job.id())), utf8(job.replyTo()), utf8(this.processingKey),
				utf8(cacheKey), utf8(this.keys.image(job.id())), json, seconds(this.queue.resultTtl()), taken.raw(),
				seconds(this.queue.replyTtl()), json, seconds(this.queue.cacheTtl()) };
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
