package com.example.classifier.modelservice.queue;

import java.util.ArrayList;
import java.util.List;

import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.Prediction;
import com.example.classifier.modelservice.model.ImageClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;

/**
 * Second stage of a batch: one engine call for all its images, then every job's answer. When the engine fails on a
 * batch (anything it throws, Errors included), each image is run again alone, so only the one it fails on is answered
 * as failed.
 */
@Component
class BatchRunner {

	private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);

	private final ImageClassifier classifier;

	private final ResultWriter writer;

	private final WorkerMetrics metrics;

	private final String workerId;

	BatchRunner(ImageClassifier classifier, ResultWriter writer, WorkerMetrics metrics, WorkerProperties worker) {
		this.classifier = classifier;
		this.writer = writer;
		this.metrics = metrics;
		this.workerId = worker.id();
	}

	void run(PreparedBatch batch) {
		if (batch.isEmpty()) {
			return;
		}
		int size = batch.inputs().size();
		long started = System.nanoTime();
		List<List<Prediction>> outputs;
		try {
			outputs = this.classifier.classify(batch.inputs());
		}
		catch (RuntimeException | Error ex) {
			log.error("The model failed on a batch of {}", size, ex);
			if (size > 1) {
				for (int i = 0; i < size; i++) {
					run(new PreparedBatch(List.of(batch.jobs().get(i)), List.of(batch.inputs().get(i))));
				}
				return;
			}
			TakenJob taken = batch.jobs().get(0);
			this.writer.answer(taken, ClassificationResult.failed(taken.job().id(), this.classifier.modelId(),
					"the model failed on this image (" + ex + ")", this.workerId), false);
			this.metrics.jobFinished(WorkerMetrics.Outcome.FAILED);
			return;
		}
		long nanos = System.nanoTime() - started;
		this.metrics.batchRun(size, nanos);
		long millis = nanos / 1_000_000;
		log.debug("Classified a batch of {} in {} ms", size, millis);
		List<ClassificationResult> answers = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			TakenJob taken = batch.jobs().get(i);
			if (log.isDebugEnabled()) {
				try (MDC.MDCCloseable ignored = MDC.putCloseable(BatchPreparer.JOB_ID, taken.job().id())) {
					log.debug("Answered {} in a batch of {} ({} ms; {} ms after it was queued)",
							outputs.get(i).get(0).label(), size, millis,
							System.currentTimeMillis() - taken.job().enqueuedAtMillis());
				}
			}
			answers.add(ClassificationResult.ok(taken.job().id(), this.classifier.modelId(), outputs.get(i), millis,
					size, this.workerId));
		}
		this.writer.answerAll(batch.jobs(), answers, true);
		for (TakenJob taken : batch.jobs()) {
			this.metrics.jobFinished(WorkerMetrics.Outcome.ANSWERED);
			this.metrics.endToEnd(taken.job());
		}
	}

}
