package com.example.classifier.common;

import java.time.Duration;

/**
 * Exponential pause between reconnect attempts to Redis (50 ms doubling to 1 s), so a Redis outage neither spins a
 * core nor delays recovery by more than a second once Redis is back.
 */
public final class Backoff {

	private static final long FIRST_MILLIS = 50;

	private final long maxMillis;

	private long nextMillis = FIRST_MILLIS;

	public Backoff() {
		this(Duration.ofSeconds(1));
	}

	public Backoff(Duration max) {
		this.maxMillis = max.toMillis();
	}

	public void reset() {
		this.nextMillis = FIRST_MILLIS;
	}

	/** Sleeps for the current pause; returns false if interrupted (the caller should stop). */
	public boolean pause() {
		try {
			Thread.sleep(this.nextMillis);
			this.nextMillis = Math.min(this.maxMillis, this.nextMillis * 2);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
