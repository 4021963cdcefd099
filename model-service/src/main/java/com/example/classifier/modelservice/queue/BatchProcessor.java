package com.example.classifier.modelservice.queue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.Prediction;
import com.example.classifier.modelservice.model.ImageClassifier;
import com.example.classifier.modelservice.model.PreparedImage;
import com.example.classifier.modelservice.model.UnreadableImageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Answers one batch of taken jobs: drops the expired, answers repeats from the result cache, prepares the rest and
 * runs them through the model in one call.
 */
@Component
class BatchProcessor {

	private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);

	private final ImageClassifier classifier;

	private final ResultWriter writer;

	private final String workerId;

	private final Clock clock;

	BatchProcessor(ImageClassifier classifier, ResultWriter writer, WorkerProperties worker, Clock clock) {
		this.classifier = classifier;
		this.writer = writer;
		this.workerId = worker.id();
		this.clock = clock;
	}

	void process(List<TakenJob> batch) {
		List<TakenJob> live = new ArrayList<>(batch.size());
		for (TakenJob taken : batch) {
			if (taken.job() == null) {
				this.writer.deadLetter(taken);
			}
			else if (taken.job().isExpired(this.clock.instant())) {
				log.info("Job {} expired before it was run; dropped", taken.job().id());
				this.writer.drop(taken);
			}
			else {
				live.add(taken);
			}
		}
		if (!live.isEmpty()) {
			classify(answerFromCache(live));
		}
	}

	private List<TakenJob> answerFromCache(List<TakenJob> jobs) {
		List<String> cached = this.writer.cached(this.classifier.modelId(), jobs);
		List<TakenJob> uncached = new ArrayList<>(jobs.size());
		for (int i = 0; i < jobs.size(); i++) {
			String hit = (cached == null) ? null : cached.get(i);
			if (hit == null) {
				uncached.add(jobs.get(i));
			}
			else {
				TakenJob taken = jobs.get(i);
				ClassificationResult result = this.writer.codec().readResult(hit);
				this.writer.answer(taken, result.fromCache(taken.job().id(), this.workerId), false);
			}
		}
		return uncached;
	}

	private void classify(List<TakenJob> jobs) {
		List<TakenJob> readable = new ArrayList<>(jobs.size());
		List<PreparedImage> inputs = new ArrayList<>(jobs.size());
		for (TakenJob taken : jobs) {
			try {
				inputs.add(this.classifier.prepare(taken.job().image()));
				readable.add(taken);
			}
			catch (UnreadableImageException ex) {
				this.writer.answer(taken, ClassificationResult.failed(taken.job().id(), this.classifier.modelId(),
						ex.getMessage(), this.workerId), false);
			}
		}
		if (inputs.isEmpty()) {
			return;
		}
		long started = System.nanoTime();
		List<List<Prediction>> outputs;
		try {
			outputs = this.classifier.classify(inputs);
		}
		catch (RuntimeException ex) {
			log.error("The model failed on a batch of {}", inputs.size(), ex);
			for (TakenJob taken : readable) {
				this.writer.answer(taken, ClassificationResult.failed(taken.job().id(), this.classifier.modelId(),
						"the model failed on this image", this.workerId), false);
			}
			return;
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		log.debug("Classified a batch of {} in {} ms", inputs.size(), millis);
		for (int i = 0; i < readable.size(); i++) {
			TakenJob taken = readable.get(i);
			this.writer.answer(taken, ClassificationResult.ok(taken.job().id(), this.classifier.modelId(),
					outputs.get(i), millis, inputs.size(), this.workerId), true);
		}
	}

}
