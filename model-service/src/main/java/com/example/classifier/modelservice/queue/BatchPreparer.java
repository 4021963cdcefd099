package com.example.classifier.modelservice.queue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.example.classifier.common.ClassificationResult;
import com.example.classifier.modelservice.image.DecodeBudget;
import com.example.classifier.modelservice.image.PreparedImage;
import com.example.classifier.modelservice.image.UnreadableImageException;
import com.example.classifier.modelservice.model.ImageClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;

/**
 * First stage of a batch, run while the engine is busy with the previous one: drops expired jobs, refuses jobs of the
 * outdated format, fetches the images, answers repeats from the result cache, answers undecodable or vanished images
 * with a clear error, and prepares the rest for the model within the {@link DecodeBudget}. Whatever preparing one
 * image throws, Errors included, fails that job alone: the thread goes on with the next.
 */
@Component
class BatchPreparer {

	private static final Logger log = LoggerFactory.getLogger(BatchPreparer.class);

	/** MDC key: every log line about a job carries its id. */
	static final String JOB_ID = "jobId";

	private final ImageClassifier classifier;

	private final ResultWriter writer;

	private final JobInputs inputs;

	private final DecodeBudget budget;

	private final WorkerMetrics metrics;

	private final String workerId;

	private final Clock clock;

	BatchPreparer(ImageClassifier classifier, ResultWriter writer, JobInputs inputs, DecodeBudget budget,
			WorkerMetrics metrics, WorkerProperties worker, Clock clock) {
		this.classifier = classifier;
		this.writer = writer;
		this.inputs = inputs;
		this.budget = budget;
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
			else if (taken.job().image() != null) {
				// The format before 2026-11-28 carried the image inside the element: queued by no current api, so
				// past its checks. The worker checks every image itself, but takes only the current format.
				fail(taken, "the job carries its image inline, an outdated job format this worker no longer takes; "
						+ "please send the image again", null);
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
				fail(taken, "the uploaded image is no longer available; please send it again", null);
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
				inputs.add(this.classifier.prepare(taken.job().image(), this.budget));
				readable.add(taken);
			}
			catch (UnreadableImageException ex) {
				fail(taken, ex.getMessage(), null);
			}
			catch (RuntimeException | Error ex) {
				// A decoder broken by these bytes (an OutOfMemoryError from a size the checks did not foresee, a
				// StackOverflowError): the job fails with what happened, and this thread takes the next one.
				fail(taken, "the image could not be decoded (" + ex + ")", ex);
			}
			finally {
				this.metrics.preparedImage(System.nanoTime() - started);
			}
		}
		return new PreparedBatch(readable, inputs);
	}

	/** Answers the job as failed with a message for the person who sent it; logs the cause, if any, in full. */
	private void fail(TakenJob taken, String message, Throwable cause) {
		try (MDC.MDCCloseable ignored = MDC.putCloseable(JOB_ID, taken.job().id())) {
			if (cause != null) {
				log.error("Answered as failed: {}", message, cause);
			}
			else {
				log.info("Answered as failed: {}", message);
			}
		}
		this.writer.answer(taken, ClassificationResult.failed(taken.job().id(), this.classifier.modelId(), message,
				this.workerId), false);
		this.metrics.jobFinished(WorkerMetrics.Outcome.FAILED);
	}

}
