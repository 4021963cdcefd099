package com.example.classifier.api.queue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.example.classifier.common.ClassificationResult;

import org.springframework.stereotype.Component;

/**
 * The futures of requests waiting for their answer, by job id. Entries leave the map when their future completes in
 * any way (answer, timeout, failure), so nothing leaks.
 */
@Component
class PendingReplies {

	private final Map<String, CompletableFuture<ClassificationResult>> byJobId = new ConcurrentHashMap<>();

	CompletableFuture<ClassificationResult> register(String jobId) {
		CompletableFuture<ClassificationResult> future = new CompletableFuture<>();
		this.byJobId.put(jobId, future);
		future.whenComplete((result, failure) -> this.byJobId.remove(jobId, future));
		return future;
	}

	/** Completes the waiting request, if it still waits; returns false for answers nobody waits for. */
	boolean complete(ClassificationResult result) {
		CompletableFuture<ClassificationResult> future = this.byJobId.get(result.jobId());
		return future != null && future.complete(result);
	}

	int size() {
		return this.byJobId.size();
	}

}
