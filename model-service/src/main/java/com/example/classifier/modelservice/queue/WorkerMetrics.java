package com.example.classifier.modelservice.queue;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.example.classifier.common.ClassificationJob;
import com.example.classifier.modelservice.model.ImageClassifier;
import com.example.classifier.modelservice.model.ServedModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The worker's meters, all tagged with the model they describe: {@code model} its route name (as the api's meters and
 * requests name it), {@code model.id} its weights (as answers name it), and {@code engine}.
 */
@Component
class WorkerMetrics {

	enum Outcome {

		ANSWERED, CACHED, FAILED, EXPIRED, DEAD_LETTER

	}

	private final Map<Outcome, Counter> jobs = new EnumMap<>(Outcome.class);

	private final Timer inference;

	private final DistributionSummary batchSize;

	private final Timer preprocessing;

	private final Timer queueToAnswer;

	WorkerMetrics(MeterRegistry registry, ImageClassifier classifier, ServedModel served) {
		Tags tags = Tags.of("model", served.name().value(), "model.id", classifier.modelId(), "engine",
				classifier.engine());
		for (Outcome outcome : Outcome.values()) {
			this.jobs.put(outcome, Counter.builder("classifier.worker.jobs")
				.description("Jobs finished by this worker, by outcome")
				.tags(tags)
				.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
				.register(registry));
		}
		this.inference = Timer.builder("classifier.inference")
			.description("Engine time per batch")
			.tags(tags)
			.publishPercentileHistogram()
			.register(registry);
		this.batchSize = DistributionSummary.builder("classifier.batch.size")
			.description("Images per engine call")
			.tags(tags)
			.serviceLevelObjectives(1, 2, 4, 8, 16, 32)
			.register(registry);
		this.preprocessing = Timer.builder("classifier.preprocessing")
			.description("Decode, resize and normalise time per image")
			.tags(tags)
			.publishPercentileHistogram()
			.register(registry);
		this.queueToAnswer = Timer.builder("classifier.worker.job.latency")
			.description("Time from enqueue to answer, as the worker sees it")
			.tags(tags)
			.publishPercentileHistogram()
			.register(registry);
	}

	void jobFinished(Outcome outcome) {
		this.jobs.get(outcome).increment();
	}

	void batchRun(int size, long nanos) {
		this.inference.record(nanos, TimeUnit.NANOSECONDS);
		this.batchSize.record(size);
	}

	void preparedImage(long nanos) {
		this.preprocessing.record(nanos, TimeUnit.NANOSECONDS);
	}

	void endToEnd(ClassificationJob job) {
		this.queueToAnswer.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - job.enqueuedAtMillis())));
	}

	/** Images run through the engine since start (the sum of the batch sizes). */
	long imagesClassified() {
		return (long) this.batchSize.totalAmount();
	}

	long batches() {
		return this.inference.count();
	}

	double jobs(Outcome outcome) {
		return this.jobs.get(outcome).count();
	}

}
