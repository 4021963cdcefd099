package com.example.classifier.api.queue;

import java.time.Duration;

/** The queue is at its bound (or its estimated wait is longer than a request may wait); try again after a while. */
public class QueueFullException extends RuntimeException {

	private final Duration retryAfter;

	public QueueFullException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
