package com.example.classifier.api.predict;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.example.classifier.common.ModelName;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * What users experienced: each classification request's outcome and end-to-end latency (upload received to answer
 * ready), tagged with the model asked ({@code model=<name>}, as the workers' meters; {@code none} before it is known).
 */
@Component
public class ClassificationMetrics {

	enum Outcome {

		ANSWERED, CACHED, FAILED, EXPIRED, TIMED_OUT, REJECTED, UNAVAILABLE, INVALID

	}

	private final MeterRegistry registry;

	ClassificationMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void record(Outcome outcome, ModelName model, long elapsedNanos) {
		Timer.builder("classifier.request.latency")
			.description("Upload received to answer ready, per classification request")
			.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
			.tag("model", (model != null) ? model.value() : "none")
			.register(this.registry)
			.record(elapsedNanos, TimeUnit.NANOSECONDS);
	}

}
