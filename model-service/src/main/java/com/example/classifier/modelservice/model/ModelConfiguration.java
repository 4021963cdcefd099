package com.example.classifier.modelservice.model;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the model while the application starts: a worker that cannot classify should fail to start, not accept jobs.
 */
@Configuration(proxyBeanMethods = false)
class ModelConfiguration {

	@Bean(destroyMethod = "close")
	ImageClassifier imageClassifier(ModelProperties properties, MeterRegistry registry) {
		long started = System.nanoTime();
		ImageClassifier classifier = ClassifierFactory.create(properties);
		double loadMillis = (System.nanoTime() - started) / 1e6;
		TimeGauge.builder("classifier.model.load", () -> loadMillis, TimeUnit.MILLISECONDS)
			.description("Time to load the model and run its warm-up inference")
			.tags("model", classifier.modelId(), "engine", classifier.engine())
			.register(registry);
		return classifier;
	}

}
