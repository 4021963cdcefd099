package com.example.classifier.modelservice.queue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.example.classifier.common.ClassificationResult;
import com.example.classifier.modelservice.model.ImageClassifier;
import com.example.classifier.modelservice.model.PreparedImage;
import com.example.classifier.modelservice.model.UnreadableImageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;

/**
 * First stage of a batch, run while the engine is busy with the previous one: drops expired jobs, fetches the images,
 * answers repeats from the result cache, answers undecodable or vanished images with a clear error, and prepares the
 * rest for the model.
 */
@Component
class BatchPreparer {

	private static final Logger log = LoggerFactory.getLogger(BatchPreparer.class);

	/** MDC key: every log line about a job carries its id. */
	static final String JOB_ID = "jobId";

	private final ImageClassifier classifier;

	private final ResultWriter writer;

	private final JobInputs inputs;

	private final WorkerMetrics metrics;

	private final String workerId;

	private final Clock clock;

	BatchPreparer(ImageClassifier classifier, ResultWriter writer, JobInputs inputs, WorkerMetrics metrics,
			WorkerProperties worker, Clock clock) {
		this.classifier = classifier;
		this.writer = writer;
		this.inputs = inputs;
		this.metrics = metrics;
		this.workerId = worker.id();
		this.clock = clock;
	}

	PreparedBatch prepare(List<TakenJob> batch) {
		List<TakenJob> live = new ArrayList<>(batch.size());
		for (TakenJob taken : batch) {
			if (taken.job() == null) {
				this.writer.deadLetter(taken);
				this.metrics.jobFinished(WorkerMetrics.Outcome.DEAD_LETTER);
			}
			else if (taken.job().isExpired(this.clock.instant())) {
				try (MDC.MDCCloseable ignored = MDC.putCloseable(JOB_ID, taken.job().id())) {
					log.info("Expired before it was run; dropped unanswered");
				}
				this.writer.drop(taken);
				this.metrics.jobFinished(WorkerMetrics.Outcome.EXPIRED);
			}
			else {
				live.add(taken);
			}
		}
		return decode(withImages(live));
	}

	/**
	 * Fetches the jobs' images and cached answers; answers repeats from the cache and jobs whose image is gone, and
	 * returns the rest with their images attached.
	 */
	private List<TakenJob> withImages(List<TakenJob> jobs) {
		if (jobs.isEmpty()) {
			return jobs;
		}
		List<JobInputs.Input> inputs = this.inputs.fetch(this.classifier.modelId(), jobs);
		List<TakenJob> ready = new ArrayList<>(jobs.size());
		for (int i = 0; i < jobs.size(); i++) {
			TakenJob taken = jobs.get(i);
			JobInputs.Input input = inputs.get(i);
			if (input.cachedResult() != null) {
				ClassificationResult result = this.writer.codec().readResult(input.cachedResult());
				this.writer.answer(taken, result.fromCache(taken.job().id(), this.workerId), false);
				this.metrics.jobFinished(WorkerMetrics.Outcome.CACHED);
			}
			else if (input.image() == null) {
				try (MDC.MDCCloseable ignored = MDC.putCloseable(JOB_ID, taken.job().id())) {
					log.warn("Its image is no longer in Redis; answered as failed");
				}
				this.writer.answer(taken, ClassificationResult.failed(taken.job().id(), this.classifier.modelId(),
						"the uploaded image is no longer available; please send it again", this.workerId), false);
				this.metrics.jobFinished(WorkerMetrics.Outcome.FAILED);
			}
			else {
				ready.add(new TakenJob(taken.raw(), taken.job().withImage(input.image())));
			}
		}
		return ready;
	}

	private PreparedBatch decode(List<TakenJob> jobs) {
		List<TakenJob> readable = new ArrayList<>(jobs.size());
		List<PreparedImage> inputs = new ArrayList<>(jobs.size());
		for (TakenJob taken : jobs) {
			long started = System.nanoTime();
			try {
				inputs.add(this.classifier.prepare(taken.job().image()));
				readable.add(taken);
			}
			catch (UnreadableImageException ex) {
				try (MDC.MDCCloseable ignored = MDC.putCloseable(JOB_ID, taken.job().id())) {
					log.info("Unreadable image: {}", ex.getMessage());
				}
				this.writer.answer(taken, ClassificationResult.failed(taken.job().id(), this.classifier.modelId(),
						ex.getMessage(), this.workerId), false);
				this.metrics.jobFinished(WorkerMetrics.Outcome.FAILED);
			}
			finally {
				this.metrics.preparedImage(System.nanoTime() - started);
			}
		}
		return new PreparedBatch(readable, inputs);
	}

}
