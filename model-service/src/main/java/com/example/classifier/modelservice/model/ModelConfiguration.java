package com.example.classifier.modelservice.model;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Loads the model while the application starts: a worker that cannot classify should fail to start, not accept jobs.
 */
@Configuration(proxyBeanMethods = false)
class ModelConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ModelConfiguration.class);

	/** Checked before the model loads: a wrong MODEL_NAME fails at once, not after a minute of loading. */
	@Bean
	ServedModel servedModel(ModelProperties properties) {
		return new ServedModel(properties.routeName());
	}

	@Bean(destroyMethod = "close")
	ImageClassifier imageClassifier(ModelProperties properties, ServedModel served, MeterRegistry registry,
			Environment environment) {
		int workerThreads = environment.getProperty("worker.threads", Integer.class, 1);
		adviseOnConcurrency(properties, workerThreads);
		long started = System.nanoTime();
		ModelProperties resolved = properties.withResolvedReplicas(workerThreads);
		// Several worker threads keep the cores busy with a replica each already: the batch split is for one.
		ImageClassifier classifier = ClassifierFactory
			.create((workerThreads > 1) ? resolved.withBatchSplit(false) : resolved);
		double loadMillis = (System.nanoTime() - started) / 1e6;
		TimeGauge.builder("classifier.model.load", () -> loadMillis, TimeUnit.MILLISECONDS)
			.description("Time to load the model and run its warm-up inference")
			.tags("model", served.name().value(), "model.id", classifier.modelId(), "engine", classifier.engine())
			.register(registry);
		log.info("Serving model '{}' ({}): requests with model={} (or none, when it is queue.default-model) reach it",
				served.name(), classifier.modelId(), served.name());
		return classifier;
	}

	/** Points out settings that make worker threads wait for each other or fight over the cores. */
	static void adviseOnConcurrency(ModelProperties properties, int workerThreads) {
		if (workerThreads <= 1) {
			return;
		}
		boolean dl4j = properties.resolvedEngine() == Engine.DL4J;
		int replicas = properties.resolvedReplicas(workerThreads);
		if (dl4j && replicas < workerThreads) {
			log.warn("worker.threads={} but model.replicas={}: DL4J runs one call per copy of the network, so {} "
					+ "thread(s) will wait. Set MODEL_REPLICAS={} or leave it unset (docs/performance.md)",
					workerThreads, replicas, workerThreads - replicas, workerThreads);
		}
		int cores = Runtime.getRuntime().availableProcessors();
		int threads = workerThreads * properties.resolvedIntraOpThreads();
		if (threads > cores) {
			log.warn("worker.threads={} x model.intra-op-threads={} = {} threads on {} processors: they will compete. "
					+ "For several worker threads set MODEL_INTRA_OP_THREADS=1 (docs/performance.md)", workerThreads,
					properties.resolvedIntraOpThreads(), threads, cores);
		}
	}

}
