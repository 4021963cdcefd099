package com.example.classifier.common.test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Job list elements are binary (a JSON header line and the image bytes, see
 * {@link com.example.classifier.common.JobCodec}); a {@link StringRedisTemplate}'s list operations would mangle them.
 */
public final class JobLists {

	private JobLists() {
	}

	/** RPUSH of job elements. */
	public static void push(StringRedisTemplate redis, String key, byte[]... elements) {
		redis.execute((RedisCallback<Long>) (connection) -> connection.listCommands()
			.rPush(key.getBytes(StandardCharsets.UTF_8), elements));
	}

	/** The whole list, head first. */
	public static List<byte[]> range(StringRedisTemplate redis, String key) {
		return redis.execute((RedisCallback<List<byte[]>>) (connection) -> connection.listCommands()
			.lRange(key.getBytes(StandardCharsets.UTF_8), 0, -1));
	}

}
