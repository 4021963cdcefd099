package com.example.classifier.modelservice.model;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the classifier that {@link ModelProperties} describe: load, pick preprocessing and labels, warm up. */
final class ClassifierFactory {

	private static final Logger log = LoggerFactory.getLogger(ClassifierFactory.class);

	private ClassifierFactory() {
	}

	static Dl4jImageClassifier create(ModelProperties properties) {
		long start = System.nanoTime();
		LoadedModel model = new ModelLoader(properties.cacheDir()).load(properties.path());
		try {
			Preprocessing preprocessing = preprocessing(properties, model);
			Labels labels = (properties.labels() != null) ? Labels.load(properties.labels()) : Labels.imagenet();
			Dl4jImageClassifier classifier = new Dl4jImageClassifier(model, preprocessing, labels, properties.topK());
			log.info("Model {} loaded in {} ms: input {}, preprocessing {}, {} classes labelled from {}, top-{}",
					(properties.name() != null) ? "'" + properties.name() + "' (" + model.modelId() + ")"
							: model.modelId(),
					Duration.ofNanos(System.nanoTime() - start).toMillis(), model.input(), preprocessing,
					classifier.classes(), labels.source(), properties.topK());
			return classifier;
		}
		catch (RuntimeException ex) {
			// The network holds native memory that no finaliser returns.
			model.network().close();
			throw ex;
		}
	}

	static Preprocessing preprocessing(ModelProperties properties, LoadedModel model) {
		if (properties.preprocessing() != null) {
			return properties.preprocessing();
		}
		log.info("model.preprocessing (MODEL_PREPROCESSING) is not set; using {}: {}. Set it to caffe, torch or tf "
				+ "if the model was trained otherwise.", model.defaultPreprocessing(), model.preprocessingReason());
		return model.defaultPreprocessing();
	}

}
