package com.example.classifier.common;

/**
 * Every Redis key the two services share, in one place so they cannot drift apart.
 * All keys live under one prefix so several deployments can share a Redis.
 */
public final class RedisKeys {

	private final String prefix;

	public RedisKeys(String prefix) {
		this.prefix = prefix.endsWith(":") ? prefix : prefix + ":";
	}

	/** FIFO list of pending jobs: producers RPUSH, workers move from the left. */
	public String jobQueue() {
		return this.prefix + "jobs";
	}

	/**
	 * The uploaded bytes of one job, kept apart from its list element so that the element stays small: the answer
	 * script removes the element by value, and the photo then crosses Redis twice (SET, GET) instead of three times.
	 */
	public String image(String jobId) {
		return this.prefix + "image:" + jobId;
	}

	/** Per-worker list holding the jobs a worker has taken and not yet answered. */
	public String processing(String workerId) {
		return this.prefix + "processing:" + workerId;
	}

	/** Pattern matching every worker's processing list. */
	public String processingPattern() {
		return this.prefix + "processing:*";
	}

	/** Heartbeat key of a live worker; expires when the worker dies. */
	public String workerHeartbeat(String workerId) {
		return this.prefix + "worker:" + workerId;
	}

	/** Pattern matching every worker heartbeat. */
	public String workerHeartbeatPattern() {
		return this.prefix + "worker:*";
	}

	/** Reply list read by exactly one api instance. */
	public String replies(String apiInstanceId) {
		return this.prefix + "replies:" + apiInstanceId;
	}

	/** Result of one job, kept for a while so it can be fetched again by id. */
	public String result(String jobId) {
		return this.prefix + "result:" + jobId;
	}

	/** Marks a job submitted without a waiting request, so its status can be told before its result exists. */
	public String jobStatus(String jobId) {
		return this.prefix + "job:" + jobId;
	}

	/** Result cache: same image and same model give the same answer. */
	public String cachedResult(String modelId, String imageSha256) {
		return this.prefix + "cache:" + modelId + ":" + imageSha256;
	}

	/** Jobs that failed too often. */
	public String deadLetters() {
		return this.prefix + "dead";
	}

	/** Stream of user feedback (reports of wrong answers). */
	public String feedback() {
		return this.prefix + "feedback";
	}

	/** Marks a job or file as already reported, so feedback is stored once. */
	public String feedbackSeen(String subject) {
		return this.prefix + "feedback-seen:" + subject;
	}

}
