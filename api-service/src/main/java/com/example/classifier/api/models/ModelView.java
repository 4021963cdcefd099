package com.example.classifier.api.models;

import java.util.List;

import com.example.classifier.api.queue.ModelQueue;
import com.example.classifier.common.ModelName;
import com.example.classifier.common.WorkerAnnouncement;
import org.jspecify.annotations.Nullable;

/**
 * One model as {@code GET /models} lists it.
 *
 * @param name what a request's {@code model} says to choose it
 * @param isDefault true for {@code queue.default-model}, which requests naming no model get
 * @param status live (a worker's heartbeat is fresh) or down
 * @param workers live workers now
 * @param engine {@code dl4j} or {@code onnx}; null when no worker has told it
 * @param modelId the weights' id, as answers name it; null when no worker has told it
 * @param inputHeight pixels; 0 when not told
 * @param inputWidth pixels; 0 when not told
 * @param labels classes it tells apart; 0 when not told
 * @param queueDepth jobs waiting in its queue
 * @param queueLimit most jobs its queue may hold now (what its workers are measured to answer in time)
 * @param imagesPerSecond images its live workers classified per second over their last heartbeat interval
 */
public record ModelView(String name, boolean isDefault, Status status, int workers, @Nullable String engine,
		@Nullable String modelId, int inputHeight, int inputWidth, int labels, long queueDepth, long queueLimit,
		double imagesPerSecond) {

	public enum Status {

		LIVE, DOWN

	}

	/**
	 * @param latest the model's freshest announcement (a live worker's, else the last seen); null when never seen
	 * @param live its live workers' announcements
	 * @param depth jobs in its queue
	 * @param queue its queue's admission, if this instance has routed to it or seen it alive
	 */
	static ModelView of(ModelName name, boolean isDefault, @Nullable WorkerAnnouncement latest,
			List<WorkerAnnouncement> live, long depth, @Nullable ModelQueue queue) {
		double perSecond = live.stream().mapToDouble(WorkerAnnouncement::imagesPerSecond).sum();
		return new ModelView(name.value(), isDefault, live.isEmpty() ? Status.DOWN : Status.LIVE, live.size(),
				(latest != null) ? latest.engine() : null, (latest != null) ? latest.modelId() : null,
				(latest != null) ? latest.inputHeight() : 0, (latest != null) ? latest.inputWidth() : 0,
				(latest != null) ? latest.labels() : 0, depth,
				(queue != null) ? queue.limit() : 0, Math.round(perSecond * 10) / 10.0);
	}

}
