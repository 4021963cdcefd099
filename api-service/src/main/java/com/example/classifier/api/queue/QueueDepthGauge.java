package com.example.classifier.api.queue;

import java.util.concurrent.atomic.AtomicLong;

import com.example.classifier.common.RedisKeys;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Queue depth and waiting requests as gauges. The depth is sampled on a schedule, not on scrape, so a Prometheus
 * scrape never waits on Redis (nor fails with it).
 */
@Component
class QueueDepthGauge {

	private final StringRedisTemplate redis;

	private final String queueKey;

	private final AtomicLong depth = new AtomicLong();

	private final Admission admission;

	QueueDepthGauge(StringRedisTemplate redis, RedisKeys keys, PendingReplies pending, Admission admission,
			MeterRegistry registry) {
		this.redis = redis;
		this.admission = admission;
		this.queueKey = keys.jobQueue();
		Gauge.builder("classifier.queue.depth", this.depth, AtomicLong::get)
			.description("Jobs waiting in the Redis queue")
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
			Long size = this.redis.opsForList().size(this.queueKey);
			this.depth.set((size != null) ? size : 0);
			// Other api instances fill the same queue: the sample keeps this one's admission from trusting an old depth.
			this.admission.recordDepth(this.depth.get());
		}
		catch (DataAccessException ex) {
			// Keep the last value; Redis health reports the outage.
		}
	}

}
