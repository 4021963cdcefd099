package com.example.classifier.api.queue;

import java.util.Optional;

import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.RedisKeys;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** Reads the result a worker stored under a job's id (kept for {@code queue.result-ttl} on the worker side). */
@Component
public class JobResults {

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final JobCodec codec;

	JobResults(StringRedisTemplate redis, RedisKeys keys, JobCodec codec) {
		this.redis = redis;
		this.keys = keys;
		this.codec = codec;
	}

	public Optional<ClassificationResult> find(String jobId) {
		String json = this.redis.opsForValue().get(this.keys.result(jobId));
		return Optional.ofNullable(json).map(this.codec::readResult);
	}

}
