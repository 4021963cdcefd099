package com.example.classifier.common.test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.example.classifier.common.ClassificationJob;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.RedisKeys;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Job elements and images as the services write them (see {@link JobCodec}): bytes, which a
 * {@link StringRedisTemplate}'s own operations would mangle.
 */
public final class JobLists {

	private JobLists() {
	}

	/**
	 * Queues jobs as an api instance does: each image under its key (ten minutes), then all elements in one RPUSH,
	 * so that they are all waiting at once.
	 */
	public static void enqueue(StringRedisTemplate redis, RedisKeys keys, JobCodec codec, ClassificationJob... jobs) {
		byte[][] elements = new byte[jobs.length][];
		for (int i = 0; i < jobs.length; i++) {
			ClassificationJob job = jobs[i];
			redis.execute((RedisCallback<Boolean>) (connection) -> connection.stringCommands()
				.setEx(keys.image(job.id()).getBytes(StandardCharsets.UTF_8), 600, job.image()));
			elements[i] = codec.writeJob(job);
		}
		push(redis, keys.jobQueue(), elements);
	}

	/** The stored image of a job, or null. */
	public static byte[] image(StringRedisTemplate redis, RedisKeys keys, String jobId) {
		return redis.execute((RedisCallback<byte[]>) (connection) -> connection.stringCommands()
			.get(keys.image(jobId).getBytes(StandardCharsets.UTF_8)));
	}

	/** RPUSH of job elements. */
	public static void push(StringRedisTemplate redis, String key, byte[]... elements) {
		redis.execute((RedisCallback<Long>) (connection) -> connection.listCommands()
			.rPush(key.getBytes(StandardCharsets.UTF_8), elements));
	}

	/** LREM of one job element, as the reaper takes a job from a worker presumed dead. */
	public static void remove(StringRedisTemplate redis, String key, byte[] element) {
		redis.execute((RedisCallback<Long>) (connection) -> connection.listCommands()
			.lRem(key.getBytes(StandardCharsets.UTF_8), 1, element));
	}

	/** The whole list, head first. */
	public static List<byte[]> range(StringRedisTemplate redis, String key) {
		return redis.execute((RedisCallback<List<byte[]>>) (connection) -> connection.listCommands()
			.lRange(key.getBytes(StandardCharsets.UTF_8), 0, -1));
	}

}
