package com.example.classifier.modelservice.queue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.example.classifier.common.LuaScripts;
import com.example.classifier.common.RedisKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.GenericToStringSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.stereotype.Component;

/**
 * The dead-letter list, capped at {@code queue.max-dead-letters}: the newest are kept for an operator, the oldest
 * dropped and counted ({@code classifier.worker.dead.letters.dropped}). Uncapped, a poisonous upload sent in a loop
 * grew it until Redis's {@code maxmemory} with {@code noeviction} refused every enqueue.
 */
@Component
class DeadLetters {

	private static final RedisScript<Long> PUSH = LuaScripts.load("scripts/push-dead-letter.lua", Long.class);

	private static final RedisSerializer<Long> LONG = new GenericToStringSerializer<>(Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final int cap;

	private final Counter dropped;

	/** The registry is optional: the Redis slice tests run without Micrometer's auto-configuration. */
	DeadLetters(StringRedisTemplate redis, RedisKeys keys, QueueProperties queue,
			ObjectProvider<MeterRegistry> registry) {
		this.redis = redis;
		this.keys = keys;
		this.cap = queue.maxDeadLetters();
		this.dropped = Counter.builder("classifier.worker.dead.letters.dropped")
			.description("Oldest dead letters dropped to keep the list at queue.max-dead-letters")
			.register(registry.getIfAvailable(SimpleMeterRegistry::new));
	}

	/** Sets the raw job element aside, dropping the oldest dead letters beyond the cap. */
	void push(byte[] rawJob) {
		Long count = this.redis.execute(PUSH, RedisSerializer.byteArray(), LONG, List.of(this.keys.deadLetters()),
				rawJob, String.valueOf(this.cap).getBytes(StandardCharsets.US_ASCII));
		countDropped((count != null) ? count : 0);
	}

	/** Counts dead letters dropped by a script that pushed them itself (the orphan reaper's). */
	void countDropped(long count) {
		if (count > 0) {
			this.dropped.increment(count);
		}
	}

	int cap() {
		return this.cap;
	}

	double dropped() {
		return this.dropped.count();
	}

}
