package com.example.classifier.api.reliability;

import java.util.concurrent.atomic.AtomicInteger;

import com.example.classifier.common.test.RedisEndpoint;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * Counts the answers pushed to one api instance's reply list, from Redis's own keyspace notifications: every RPUSH
 * to the list, whoever sends it (a worker's answer script, the reaper's dead-letter answer), is one event. The api
 * drops an answer for a job it has already answered, so counting what reaches the caller needs this view from Redis.
 */
final class ReplyCounter implements AutoCloseable {

	private final RedisClient client;

	private final StatefulRedisPubSubConnection<String, String> subscription;

	private final AtomicInteger pushes = new AtomicInteger();

	ReplyCounter(RedisEndpoint redis, String replyKey) {
		this.client = RedisClient.create(RedisURI.create(redis.host(), redis.port()));
		try (StatefulRedisConnection<String, String> connection = this.client.connect()) {
			// K: keyspace channel per key; l: list commands.
			connection.sync().configSet("notify-keyspace-events", "Kl");
		}
		this.subscription = this.client.connectPubSub();
		this.subscription.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(String channel, String message) {
				if ("rpush".equals(message)) {
					ReplyCounter.this.pushes.incrementAndGet();
				}
			}
		});
		this.subscription.sync().subscribe("__keyspace@0__:" + replyKey);
	}

	int pushes() {
		return this.pushes.get();
	}

	@Override
	public void close() {
		this.subscription.close();
		this.client.shutdown();
	}

}
