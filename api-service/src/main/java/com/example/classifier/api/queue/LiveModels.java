package com.example.classifier.api.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import com.example.classifier.common.JobCodec;
import com.example.classifier.common.KeyScan;
import com.example.classifier.common.ModelName;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.WorkerAnnouncement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Which models are served, learnt from the workers' heartbeats ({@link WorkerAnnouncement}): nothing is configured
 * twice. Read at most once a second (one SCAN and one MGET), so requests choosing a model do not each SCAN Redis. A
 * model once seen alive by this instance stays known while its workers are down ({@link LiveModelsSnapshot#seen()}).
 */
@Component
public class LiveModels {

	private static final Logger log = LoggerFactory.getLogger(LiveModels.class);

	private static final long MAX_AGE_NANOS = Duration.ofSeconds(1).toNanos();

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final JobCodec codec;

	private final ModelQueues queues;

	/** The latest announcement of every model seen alive, by name, so a model whose workers died is known as down. */
	private final Map<ModelName, WorkerAnnouncement> seen = new ConcurrentHashMap<>();

	private volatile LiveModelsSnapshot snapshot;

	private volatile long readNanos;

	private final ReentrantLock reading = new ReentrantLock();

	LiveModels(StringRedisTemplate redis, RedisKeys keys, JobCodec codec, ModelQueues queues) {
		this.redis = redis;
		this.keys = keys;
		this.codec = codec;
		this.queues = queues;
	}

	/**
	 * The live workers by model, at most a second old.
	 * @throws org.springframework.dao.DataAccessException when Redis cannot be read
	 */
	public LiveModelsSnapshot snapshot() {
		LiveModelsSnapshot current = this.snapshot;
		if (current != null && System.nanoTime() - this.readNanos < MAX_AGE_NANOS) {
			return current;
		}
		// One caller reads Redis; the others go on with the snapshot there is, a moment older. They used to wait for
		// it on a monitor: in a thread dump at 1 500 users, 212 of the api's 400 request threads were queued here
		// behind one SCAN (itself waiting for the CPU and a pooled connection), pages and uploads alike.
		if (current != null && !this.reading.tryLock()) {
			return current;
		}
		if (current == null) {
			this.reading.lock();
		}
		try {
			if (this.snapshot == null || System.nanoTime() - this.readNanos >= MAX_AGE_NANOS) {
				this.snapshot = read();
				this.readNanos = System.nanoTime();
			}
			return this.snapshot;
		}
		finally {
			this.reading.unlock();
		}
	}

	/**
	 * The live workers by model as they are now, for readiness: a probe every few seconds may SCAN, and must see a
	 * worker that just started or died at once.
	 * @throws org.springframework.dao.DataAccessException when Redis cannot be read
	 */
	public LiveModelsSnapshot fresh() {
		this.reading.lock();
		try {
			this.snapshot = read();
			this.readNanos = System.nanoTime();
			return this.snapshot;
		}
		finally {
			this.reading.unlock();
		}
	}

	/** {@code queue.default-model}: the model of requests that name none. */
	public ModelName defaultModel() {
		return this.keys.defaultModel();
	}

	/** The model whose workers answer with this model id (as learnt from their announcements); else the default. */
	public ModelName nameOf(String modelId) {
		return this.seen.values()
			.stream()
			.filter((announced) -> modelId != null && modelId.equals(announced.modelId()))
			.map(WorkerAnnouncement::modelName)
			.findFirst()
			.orElse(this.keys.defaultModel());
	}

	private LiveModelsSnapshot read() {
		List<String> heartbeats = KeyScan.keys(this.redis, this.keys.workerHeartbeatPattern());
		List<String> values = heartbeats.isEmpty() ? List.of() : this.redis.opsForValue().multiGet(heartbeats);
		Map<ModelName, List<WorkerAnnouncement>> live = new LinkedHashMap<>();
		for (String value : (values != null) ? values : List.<String>of()) {
			if (value == null) {
				continue; // expired between SCAN and MGET
			}
			try {
				WorkerAnnouncement announced = this.codec.readAnnouncement(value, this.keys.defaultModel());
				live.computeIfAbsent(announced.modelName(), (name) -> new ArrayList<>()).add(announced);
				// An older worker's millis tell nothing of its model: keep what a newer one of that model told.
				this.seen.merge(announced.modelName(), announced,
						(old, fresh) -> (fresh.modelId() == null && old.modelId() != null) ? old : fresh);
				this.queues.of(announced.modelName());
			}
			catch (IllegalArgumentException ex) {
				log.debug("Ignored a heartbeat that is no announcement: {}", ex.getMessage());
			}
		}
		return new LiveModelsSnapshot(this.keys.defaultModel(), live, Map.copyOf(this.seen));
	}

}
