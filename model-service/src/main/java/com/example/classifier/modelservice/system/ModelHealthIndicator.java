package com.example.classifier.modelservice.system;

import com.example.classifier.modelservice.model.ImageClassifier;
import com.example.classifier.modelservice.model.ServedModel;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: the classifier bean exists only once the model is loaded and its warm-up inference ran, so a
 * worker still loading is not ready (its context has not started), and a loaded one reports which model it serves.
 */
@Component("model")
class ModelHealthIndicator implements HealthIndicator {

	private final ImageClassifier classifier;

	private final ServedModel served;

	ModelHealthIndicator(ImageClassifier classifier, ServedModel served) {
		this.classifier = classifier;
		this.served = served;
	}

	@Override
	public Health health() {
		return Health.up()
			.withDetail("name", this.served.name().value())
			.withDetail("model", this.classifier.modelId())
			.withDetail("engine", this.classifier.engine())
			.build();
	}

}
