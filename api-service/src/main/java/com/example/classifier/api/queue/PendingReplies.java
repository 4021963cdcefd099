package com.example.classifier.api.queue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.example.classifier.common.ClassificationResult;

import org.springframework.stereotype.Component;

/**
 * The futures of requests waiting for their answer, by job id. Entries leave the map when their future completes in
 * any way (answer, timeout, failure), so nothing leaks.
 */
@Component
class PendingReplies {

	private final Map<String, CompletableFuture<ClassificationResult>> byJobId = new ConcurrentHashMap<>();

	/**
	 * Registers a waiting request. The returned future fails with a {@link java.util.concurrent.TimeoutException}
	 * after {@code timeout}, and completes only once the entry has left the map.
	 */
	CompletableFuture<ClassificationResult> register(String jobId, Duration timeout) {
		CompletableFuture<ClassificationResult> future = new CompletableFuture<>();
		this.byJobId.put(jobId, future);
		return future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((result, failure) -> this.byJobId.remove(jobId, future));
	}

	/** Completes the waiting request, if it still waits; returns false for answers nobody waits for. */
	boolean complete(ClassificationResult result) {
		CompletableFuture<ClassificationResult> future = this.byJobId.get(result.jobId());
		return future != null && future.complete(result);
	}

	/** Forgets a request whose job never reached the queue. */
	void abandon(String jobId) {
		CompletableFuture<ClassificationResult> future = this.byJobId.remove(jobId);
		if (future != null) {
			future.cancel(false);
		}
	}

	/** The jobs whose requests wait now. */
	List<String> waitingJobIds() {
		return List.copyOf(this.byJobId.keySet());
	}

	boolean isWaiting(String jobId) {
		return this.byJobId.containsKey(jobId);
	}

	int size() {
		return this.byJobId.size();
	}

}
