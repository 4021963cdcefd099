package com.example.classifier.api.queue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.example.classifier.common.ModelName;
import com.example.classifier.common.RedisKeys;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The queue of one model with its admission: the bound on its depth, the rate its workers drain it and their batch
 * time, measured for that model alone (a ResNet50 worker takes several times as long per batch as a MobileNetV2 one,
 * so one bound for all would be wrong for each). Its gauges carry the tag {@code model=<name>}.
 */
public final class ModelQueue {

	private final ModelName name;

	private final String key;

	private final String enqueuedKey;

	private final List<String> sampleKeys;

	private final Admission admission;

	private final PlaceLine placeLine;

	private final DrainMeter drain = new DrainMeter();

	private final ServiceTimeMeter serviceTime = new ServiceTimeMeter();

	private final AtomicLong depth = new AtomicLong();

	ModelQueue(ModelName name, RedisKeys keys, QueueProperties properties, MeterRegistry registry) {
		this.name = name;
		this.key = keys.jobQueue(name);
		this.enqueuedKey = keys.enqueuedCount(name);
		this.sampleKeys = List.of(this.key, this.enqueuedKey, keys.sharedBatchMillis(name));
		this.admission = new Admission(properties, this.drain, this.serviceTime);
		this.placeLine = new PlaceLine(this.admission);
		Tags tags = Tags.of("model", name.value());
		Gauge.builder("classifier.queue.depth", this.depth, AtomicLong::get)
			.description("Jobs waiting in the model's Redis queue")
			.tags(tags)
			.register(registry);
		Gauge.builder("classifier.queue.limit", this.admission, Admission::depthLimit)
			.description("Most jobs that may wait: what the workers are measured to answer within the target latency")
			.tags(tags)
			.register(registry);
		Gauge.builder("classifier.queue.drain.rate", this.drain, DrainMeter::perSecond)
			.description("Jobs the workers took from the queue per second while it held jobs (last 10 s)")
			.tags(tags)
			.register(registry);
		Gauge.builder("classifier.queue.batch.seconds", this.serviceTime, ServiceTimeMeter::seconds)
			.description("Mean engine time of the batches that held the answers of the last 10 s")
			.baseUnit("seconds")
			.tags(tags)
			.register(registry);
		Gauge.builder("classifier.uploads.in.flight", this.admission, Admission::uploadsInFlight)
			.description("Uploads let in by this instance and still being read, checked or stored")
			.tags(tags)
			.register(registry);
		Gauge.builder("classifier.uploads.reclaimed", this.admission, Admission::reclaimedPlaces)
			.description("Places in the queue taken from stalled uploads for uploads whose bytes flow (since start)")
			.tags(tags)
			.register(registry);
	}

	public ModelName name() {
		return this.name;
	}

	/** Jobs waiting, as last sampled (each second) or answered by an enqueue. */
	public long depth() {
		return this.depth.get();
	}

	/** Most jobs that may wait now. */
	public long limit() {
		return this.admission.depthLimit();
	}

	String key() {
		return this.key;
	}

	String enqueuedKey() {
		return this.enqueuedKey;
	}

	/** The queue, its count of jobs ever queued and its shared batch time: what one sample reads. */
	List<String> sampleKeys() {
		return this.sampleKeys;
	}

	/** The line in which uploads that found no place wait for one a slow sender is about to lose. */
	PlaceLine placeLine() {
		return this.placeLine;
	}

	Admission admission() {
		return this.admission;
	}

	DrainMeter drain() {
		return this.drain;
	}

	ServiceTimeMeter serviceTime() {
		return this.serviceTime;
	}

	void recordDepth(long depth) {
		this.depth.set(depth);
		this.admission.recordDepth(depth);
	}

}
