package com.example.classifier.modelservice.model;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the model while the application starts: a worker that cannot classify should fail to start, not accept jobs.
 */
@Configuration(proxyBeanMethods = false)
class ModelConfiguration {

	@Bean(destroyMethod = "close")
	ImageClassifier imageClassifier(ModelProperties properties) {
		return ClassifierFactory.create(properties);
	}

}
