package com.example.classifier.api.queue;

import java.util.List;

import com.example.classifier.common.LuaScripts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Samples every model's queue on a schedule, not on scrape, so a Prometheus scrape never waits on Redis (nor fails
 * with it); the per-model gauges are {@link ModelQueue}'s. Each sample also tells the model's {@link DrainMeter} how
 * fast its workers take jobs, and shares this instance's batch time with the other api instances ({@link
 * ServiceTimeMeter}): one script, one round trip a second per model. It also tells each model's admission how many jobs
 * the model's live workers take at once, from their heartbeats ({@link LiveModels}): the bound's floor.
 */
@Component
class QueueDepthGauge {

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> SAMPLE = LuaScripts.load("scripts/queue-sample.lua", List.class);

	private final StringRedisTemplate redis;

	private final ModelQueues queues;

	private final LiveModels models;

	QueueDepthGauge(StringRedisTemplate redis, ModelQueues queues, LiveModels models, PendingReplies pending,
			MeterRegistry registry) {
		this.redis = redis;
		this.queues = queues;
		this.models = models;
		Gauge.builder("classifier.requests.waiting", pending, PendingReplies::size)
			.description("Requests of this instance waiting for their answer")
			.register(registry);
	}

	@Scheduled(fixedDelayString = "${queue.depth-sample-interval:1s}")
	void sample() {
		LiveModelsSnapshot live = null;
		try {
			// Learns new models (and so their queues) even while no request asks for one.
			live = this.models.snapshot();
		}
		catch (DataAccessException ex) {
			// Redis health reports the outage.
		}
		for (ModelQueue queue : this.queues.all()) {
			if (live != null) {
				queue.admission().workersTakeAtOnce(live.jobsTakenAtOnce(queue.name()));
			}
			sample(queue);
		}
	}

	void sample(ModelQueue queue) {
		try {
			double own = queue.serviceTime().ownSeconds();
			List<?> sample = this.redis.execute(SAMPLE, queue.sampleKeys(),
					Double.isNaN(own) ? "" : String.valueOf(Math.max(1, Math.round(own * 1000))));
			long now = System.nanoTime();
			long depth = ((Number) sample.get(0)).longValue();
			// Other api instances fill the same queue: the sample keeps this one's admission from trusting an old depth.
			queue.recordDepth(depth);
			queue.drain().record(now, ((Number) sample.get(1)).longValue(), depth);
			long sharedMillis = ((Number) sample.get(2)).longValue();
			queue.serviceTime().shared((sharedMillis < 0) ? Double.NaN : sharedMillis / 1000.0);
		}
		catch (DataAccessException ex) {
			// Keep the last value; Redis health reports the outage.
		}
	}

}
