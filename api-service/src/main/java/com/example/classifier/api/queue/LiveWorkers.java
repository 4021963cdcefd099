package com.example.classifier.api.queue;

import com.example.classifier.common.RedisKeys;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** Counts the model workers whose heartbeat is fresh (their heartbeat keys expire when they stop beating). */
@Component
public class LiveWorkers {

	private final StringRedisTemplate redis;

	private final ScanOptions heartbeats;

	LiveWorkers(StringRedisTemplate redis, RedisKeys keys) {
		this.redis = redis;
		this.heartbeats = ScanOptions.scanOptions().match(keys.workerHeartbeatPattern()).count(100).build();
	}

	public int alive() {
		int count = 0;
		try (Cursor<String> cursor = this.redis.scan(this.heartbeats)) {
			while (cursor.hasNext()) {
				cursor.next();
				count++;
			}
		}
		return count;
	}

}
