package com.example.classifier.common;

/**
 * What a live worker tells about itself in its heartbeat ({@link RedisKeys#workerHeartbeat(String)}, JSON through
 * {@link JobCodec}): the api learns from these which models are served, by how many workers, and how fast; nothing is
 * configured twice.
 *
 * @param model the {@link ModelName} it serves, i.e. the queue it takes from
 * @param modelId model and weights, as in its answers' {@code model} field; null for a worker of the older format
 * @param engine {@code dl4j} or {@code onnx}; null when not told
 * @param inputHeight height of the model's input in pixels; 0 when not told
 * @param inputWidth width of the model's input in pixels; 0 when not told
 * @param labels classes the model tells apart; 0 when not told
 * @param threads consumer threads of the worker
 * @param maxBatch most jobs each consumer thread takes at once; 0 when not told (a worker of an older format)
 * @param imagesPerSecond images the worker classified per second over its last heartbeat interval
 * @param timestampMillis the worker's clock when it wrote this
 */
public record WorkerAnnouncement(String model, String modelId, String engine, int inputHeight, int inputWidth,
		int labels, int threads, int maxBatch, double imagesPerSecond, long timestampMillis) {

	/** A worker from before there were several models: only its clock is known, and it serves the default model. */
	static WorkerAnnouncement legacy(ModelName defaultModel, long timestampMillis) {
		return new WorkerAnnouncement(defaultModel.value(), null, null, 0, 0, 0, 1, 0, 0, timestampMillis);
	}

	WorkerAnnouncement withModel(ModelName name) {
		return new WorkerAnnouncement(name.value(), this.modelId, this.engine, this.inputHeight, this.inputWidth,
				this.labels, this.threads, this.maxBatch, this.imagesPerSecond, this.timestampMillis);
	}

	/** Jobs this worker takes at once, one batch per consumer thread; 0 when it does not tell. */
	public int jobsTakenAtOnce() {
		return this.threads * this.maxBatch;
	}

	/** The model it serves, as a name. */
	public ModelName modelName() {
		return new ModelName(this.model);
	}

}
