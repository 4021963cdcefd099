package com.example.classifier.api.queue;

import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides how many jobs may wait. The bound is what the workers are measured to answer within the target latency
 * ({@link LatencyBound}): a job beyond it would wait longer than a person at a web page wants to, so it is refused at
 * once with a Retry-After instead. One per model ({@link ModelQueue}): each model's workers drain their own queue.
 */
class Admission {

	private final QueueProperties properties;

	private final LatencyBound bound;

	private final DrainMeter drain;

	private final ServiceTimeMeter serviceTime;

	/** The queue's length as last seen by this instance (an enqueue's answer or a fresh read). */
	private volatile long lastKnownDepth;

	private final AtomicBoolean depthRead = new AtomicBoolean();

	/** Jobs the live workers take at once (their heartbeats say); 0 when not known. */
	private volatile int workersTakeAtOnce;

	/**
	 * Uploads let in and still being read, checked and stored: not in the queue yet, but on their way. Without them a
	 * burst found the queue below its bound hundreds of times over before the first of it was queued, and the api
	 * spent the machine parsing uploads only to refuse them at the enqueue (and starved the model of CPU).
	 */
	private final AtomicInteger uploadsInFlight = new AtomicInteger();

	/** The places held by those uploads, so a stalled one can be given to an upload whose bytes flow. */
	private final Set<UploadPlace> places = ConcurrentHashMap.newKeySet();

	private final AtomicInteger reclaimed = new AtomicInteger();

	/** A read that has waited this long for its sender is a slow sender's, not a busy machine's. */
	private static final long SLOW_SENDER_NANOS = Duration.ofMillis(50).toNanos();

	/** Longest a newcomer waits for a slow sender's place; a refusal must stay quick. */
	private static final long LONGEST_WAIT_NANOS = Duration.ofMillis(250).toNanos();

	Admission(QueueProperties properties, DrainMeter drain, ServiceTimeMeter serviceTime) {
		this.properties = properties;
		this.bound = new LatencyBound(properties);
		this.drain = drain;
		this.serviceTime = serviceTime;
	}

	long depthLimit() {
		return this.bound.depthLimit(this.drain.perSecond(), this.serviceTime.seconds(), this.workersTakeAtOnce);
	}

	/** How many jobs the model's live workers take at once, from their heartbeats; 0 when not known. */
	void workersTakeAtOnce(int jobs) {
		this.workersTakeAtOnce = jobs;
	}

	void recordDepth(long depth) {
		this.lastKnownDepth = depth;
	}

	long lastKnownDepth() {
		return this.lastKnownDepth;
	}

	/**
	 * Whether the caller is to read the queue's depth from Redis now: false while another request of this instance
	 * is reading it, whose answer is at most that read's round trip older than one's own. Under overload every upload
	 * finds the queue at its bound and asked Redis (LLEN): in a thread dump at 1 500 users, 33-70 of the api's 400
	 * request threads waited for a pooled connection to do so, refusals included. Sequential callers always read.
	 * Each {@code true} must be followed by {@link #depthReadDone()}.
	 */
	boolean startDepthRead() {
		return this.depthRead.compareAndSet(false, true);
	}

	void depthReadDone() {
		this.depthRead.set(false);
	}

	/**
	 * Whether the queue was below its bound when last seen. Then a new upload goes ahead without asking Redis: the
	 * bounded enqueue has the last word, and its answer updates what is known. At or above the bound, the caller asks
	 * again, so a queue that drained is noticed at once.
	 */
	boolean lastKnownBelowLimit() {
		return this.lastKnownDepth < depthLimit();
	}

	/**
	 * Takes a place for an upload about to be read when the last known depth plus the uploads already on their way
	 * leave room for it, or when one of those has waited {@code queue.upload-stall-timeout} (250 ms) for its sender:
	 * its place is taken from it (its next read fails with 408). A place is held only while data flows; otherwise 20
	 * senders of one byte every 10 s held all 16 places, and every other upload was refused. With 1 s, 200 such senders
	 * reconnecting every 10 s kept most places fresh and a normal upload was refused (SlowClientTests). Each place taken must be released; its
	 * upload's body is watched once {@link UploadPlace#watch} names it.
	 * @return the place, or null when there is no room
	 */
	UploadPlace tryReserveUpload() {
		long limit = depthLimit();
		while (true) {
			int inFlight = this.uploadsInFlight.get();
			if (this.lastKnownDepth + inFlight >= limit) {
				if (!reclaimStalled()) {
					return null;
				}
			}
			else if (this.uploadsInFlight.compareAndSet(inFlight, inFlight + 1)) {
				UploadPlace place = new UploadPlace(this);
				this.places.add(place);
				return place;
			}
		}
	}

	/** Takes the place of the upload stalled longest, if one has stalled for the stall timeout. */
	private boolean reclaimStalled() {
		long now = System.nanoTime();
		long stallNanos = this.properties.uploadStallTimeout().toNanos();
		return this.places.stream()
			.filter((place) -> place.progress().stalledNanos(now) >= stallNanos)
			.max(Comparator.comparingLong((UploadPlace place) -> place.progress().stalledNanos(now)))
			.filter(UploadPlace::reclaim)
			.map((place) -> this.reclaimed.incrementAndGet())
			.isPresent();
	}

	/**
	 * How long until the place of an upload already waiting 50 ms for its sender can be taken, when that is 250 ms at
	 * most: a newcomer that finds no place waits that long rather than being refused while a slow sender is about to
	 * lose its place. -1 otherwise (a burst of fast uploads, or a longer stall timeout: refused at once).
	 */
	long nanosUntilReclaimable() {
		long now = System.nanoTime();
		long stallNanos = this.properties.uploadStallTimeout().toNanos();
		return this.places.stream()
			.mapToLong((place) -> place.progress().stalledNanos(now))
			.filter((stalled) -> stalled >= SLOW_SENDER_NANOS)
			.map((stalled) -> Math.max(0, stallNanos - stalled))
			.filter((remaining) -> remaining <= LONGEST_WAIT_NANOS)
			.min()
			.orElse(-1);
	}

	void releaseUpload(UploadPlace place) {
		this.places.remove(place);
		this.uploadsInFlight.decrementAndGet();
	}

	/** Places taken from stalled uploads since start. */
	int reclaimedPlaces() {
		return this.reclaimed.get();
	}

	int uploadsInFlight() {
		return this.uploadsInFlight.get();
	}

	QueueFullException queueFull(long depth) {
		Duration retryAfter = this.bound.retryAfter(depth, this.drain.perSecond());
		return new QueueFullException("The service is busy (%d jobs waiting); please retry in %d s."
			.formatted(depth, retryAfter.toSeconds()), retryAfter);
	}

}
