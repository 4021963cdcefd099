package com.example.classifier.api.queue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.example.classifier.common.LuaScripts;
import com.example.classifier.common.RedisKeys;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Queue depth, its bound and waiting requests as gauges. The depth is sampled on a schedule, not on scrape, so a
 * Prometheus scrape never waits on Redis (nor fails with it). Each sample also tells the {@link DrainMeter} how fast
 * the workers take jobs, and shares this instance's batch time with the other api instances ({@link
 * ServiceTimeMeter}): one script, one round trip a second.
 */
@Component
class QueueDepthGauge {

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> SAMPLE = LuaScripts.load("scripts/queue-sample.lua", List.class);

	private final StringRedisTemplate redis;

	private final List<String> sampleKeys;

	private final AtomicLong depth = new AtomicLong();

	private final Admission admission;

	private final DrainMeter drain;

	private final ServiceTimeMeter serviceTime;

	QueueDepthGauge(StringRedisTemplate redis, RedisKeys keys, PendingReplies pending, Admission admission,
			DrainMeter drain, ServiceTimeMeter serviceTime, MeterRegistry registry) {
		this.redis = redis;
		this.admission = admission;
		this.drain = drain;
		this.serviceTime = serviceTime;
		this.sampleKeys = List.of(keys.jobQueue(), DrainMeter.enqueuedKey(keys), ServiceTimeMeter.sharedKey(keys));
		Gauge.builder("classifier.queue.depth", this.depth, AtomicLong::get)
			.description("Jobs waiting in the Redis queue")
			.register(registry);
		Gauge.builder("classifier.queue.limit", admission, Admission::depthLimit)
			.description("Most jobs that may wait: what the workers are measured to answer within the target latency")
			.register(registry);
		Gauge.builder("classifier.queue.drain.rate", drain, DrainMeter::perSecond)
			.description("Jobs the workers took from the queue per second while it held jobs (last 10 s)")
			.register(registry);
		Gauge.builder("classifier.queue.batch.seconds", serviceTime, ServiceTimeMeter::seconds)
			.description("Mean engine time of the batches that held the answers of the last 10 s")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("classifier.requests.waiting", pending, PendingReplies::size)
			.description("Requests of this instance waiting for their answer")
			.register(registry);
		Gauge.builder("classifier.uploads.in.flight", admission, Admission::uploadsInFlight)
			.description("Uploads let in by this instance and still being read, checked or stored")
			.register(registry);
		Gauge.builder("classifier.uploads.reclaimed", admission, Admission::reclaimedPlaces)
			.description("Places in the queue taken from stalled uploads for uploads whose bytes flow (since start)")
			.register(registry);
	}

	@Scheduled(fixedDelayString = "${queue.depth-sample-interval:1s}")
	void sample() {
		try {
			double own = this.serviceTime.ownSeconds();
			List<?> sample = this.redis.execute(SAMPLE, this.sampleKeys,
					Double.isNaN(own) ? "" : String.valueOf(Math.max(1, Math.round(own * 1000))));
			long now = System.nanoTime();
			this.depth.set(((Number) sample.get(0)).longValue());
			// Other api instances fill the same queue: the sample keeps this one's admission from trusting an old depth.
			this.admission.recordDepth(this.depth.get());
			this.drain.record(now, ((Number) sample.get(1)).longValue(), this.depth.get());
			long sharedMillis = ((Number) sample.get(2)).longValue();
			this.serviceTime.shared((sharedMillis < 0) ? Double.NaN : sharedMillis / 1000.0);
		}
		catch (DataAccessException ex) {
			// Keep the last value; Redis health reports the outage.
		}
	}

}
