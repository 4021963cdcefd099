package com.example.classifier.api.queue;

import com.example.classifier.common.KeyScan;
import com.example.classifier.common.RedisKeys;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** Counts the model workers whose heartbeat is fresh (their heartbeat keys expire when they stop beating). */
@Component
public class LiveWorkers {

	private final StringRedisTemplate redis;

	private final String heartbeats;

	LiveWorkers(StringRedisTemplate redis, RedisKeys keys) {
		this.redis = redis;
		this.heartbeats = keys.workerHeartbeatPattern();
	}

	/**
	 * @throws org.springframework.dao.DataAccessException when Redis cannot be read
	 */
	public int alive() {
		return KeyScan.keys(this.redis, this.heartbeats).size();
	}

}
