package com.example.classifier.api.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.RedisServerExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Starts the {@link ModelWorkers @ModelWorkers} of a test class before it, waits once, before its first test, until
 * each has its model loaded (its heartbeat in the test's Redis, read through the api context's template) and stops
 * them (SIGTERM: a batch in hand is finished) after the class. Tests reach them with {@link #worker()} and
 * {@link #workers()}.
 */
public final class ModelWorkersExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	/** Loading the model on a busy 2-core machine, while the api's context starts beside it, took up to ~100 s. */
	private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

	private static volatile List<ModelServiceProcess> current = List.of();

	private static volatile boolean ready;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		ModelWorkers annotation = AnnotationSupport
			.findAnnotation(context.getRequiredTestClass(), ModelWorkers.class)
			.orElseThrow(() -> new IllegalStateException("Annotate the test class with @ModelWorkers"));
		List<ModelServiceProcess> started = new ArrayList<>();
		current = started;
		ready = false;
		for (String workerId : annotation.value()) {
			started.add(ModelServiceProcess.start(workerId, RedisServerExtension.endpoint(), annotation.args()));
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (!ready) {
			ApplicationContext api = SpringExtension.getApplicationContext(context);
			StringRedisTemplate redis = api.getBean(StringRedisTemplate.class);
			RedisKeys keys = api.getBean(RedisKeys.class);
			current.forEach((worker) -> worker.awaitReady(redis, keys, READY_TIMEOUT));
			ready = true;
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		current.forEach(ModelServiceProcess::stop);
		current = List.of();
	}

	/** The worker of a class with one. */
	public static ModelServiceProcess worker() {
		List<ModelServiceProcess> workers = workers();
		if (workers.size() != 1) {
			throw new IllegalStateException("worker() is for a class with one @ModelWorkers id; use workers()");
		}
		return workers.get(0);
	}

	/** The workers of the running test class, in the order of their ids. */
	public static List<ModelServiceProcess> workers() {
		if (current.isEmpty()) {
			throw new IllegalStateException("Annotate the test class with @ModelWorkers");
		}
		return current;
	}

}
