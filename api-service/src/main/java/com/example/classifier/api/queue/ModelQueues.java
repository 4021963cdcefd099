package com.example.classifier.api.queue;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.example.classifier.common.ModelName;
import com.example.classifier.common.RedisKeys;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * One {@link ModelQueue} per model, made when a model is first routed to or seen alive: only names that passed the
 * router (or a worker announced) get one, so a flood of made-up names cannot grow this map.
 */
@Component
public class ModelQueues {

	private final RedisKeys keys;

	private final QueueProperties properties;

	private final MeterRegistry registry;

	private final StringRedisTemplate redis;

	private final Map<ModelName, ModelQueue> queues = new ConcurrentHashMap<>();

	ModelQueues(RedisKeys keys, QueueProperties properties, MeterRegistry registry, StringRedisTemplate redis) {
		this.redis = redis;
		this.keys = keys;
		this.properties = properties;
		this.registry = registry;
		of(keys.defaultModel());
	}

	public ModelQueue of(ModelName model) {
		return this.queues.computeIfAbsent(model,
				(name) -> new ModelQueue(name, this.keys, this.properties, this.registry));
	}

	/** The queue of a model if it has one already; never makes one. */
	public ModelQueue find(ModelName model) {
		return this.queues.get(model);
	}

	/**
	 * The depth of each model's queue now, in one round trip (for {@code GET /models}, which must not show a second-old
	 * sample).
	 * @throws org.springframework.dao.DataAccessException when Redis cannot be read
	 */
	public List<Long> depths(List<ModelName> models) {
		List<Object> lengths = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			models.forEach((model) -> connection.listCommands()
				.lLen(this.keys.jobQueue(model).getBytes(StandardCharsets.UTF_8)));
			return null;
		});
		return lengths.stream().map((length) -> ((Number) length).longValue()).toList();
	}

	public ModelName defaultModel() {
		return this.keys.defaultModel();
	}

	Collection<ModelQueue> all() {
		return List.copyOf(this.queues.values());
	}

}
