package com.example.classifier.common;

/**
 * Every Redis key the two services share, in one place so they cannot drift apart.
 * All keys live under one prefix so several deployments can share a Redis.
 */
public final class RedisKeys {

	private final String prefix;

	private final ModelName defaultModel;

	/** Keys of a deployment whose default model is {@link ModelName#RESNET50}. */
	public RedisKeys(String prefix) {
		this(prefix, ModelName.RESNET50);
	}

	/**
	 * @param prefix {@code queue.key-prefix}
	 * @param defaultModel {@code queue.default-model}: the model whose queue is the legacy {@link #jobQueue()}
	 */
	public RedisKeys(String prefix, ModelName defaultModel) {
		this.prefix = prefix.endsWith(":") ? prefix : prefix + ":";
		this.defaultModel = defaultModel;
	}

	/** The model a job without a {@code model} field goes to. */
	public ModelName defaultModel() {
		return this.defaultModel;
	}

	/**
	 * FIFO list of the default model's pending jobs: producers RPUSH, workers move from the left. The key of the
	 * single queue before there were several models, so apis and workers of either version meet on it.
	 */
	public String jobQueue() {
		return this.prefix + "jobs";
	}

	/** The job queue of one model: {@link #jobQueue()} for the default model, {@code <prefix>:jobs:<model>} else. */
	public String jobQueue(ModelName model) {
		return model.equals(this.defaultModel) ? jobQueue() : modelQueuePrefix() + model.value();
	}

	/** What precedes a model's name in the key of its queue (for the reaper's script, which reads jobs' models). */
	public String modelQueuePrefix() {
		return this.prefix + "jobs:";
	}

	/** Count of jobs ever queued for a model, shared by all api instances (the api's drain meter). */
	public String enqueuedCount(ModelName model) {
		return jobQueue(model) + ":enqueued";
	}

	/** A model's batch time in ms as measured by an api instance, shared for a while with the others. */
	public String sharedBatchMillis(ModelName model) {
		return jobQueue(model) + ":batch-ms";
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

	/** Heartbeat key of a live worker ({@link WorkerAnnouncement} JSON); expires when the worker dies. */
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
