package com.example.classifier.api.system;

import java.util.LinkedHashMap;
import java.util.Map;

import com.example.classifier.api.queue.LiveModels;
import com.example.classifier.api.queue.LiveModelsSnapshot;
import com.example.classifier.common.ModelName;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: without a live model worker every request would wait for its timeout, so the api is not ready
 * until at least one worker's heartbeat is fresh. The detail gives each known model's live workers (0 = down), and
 * the default model.
 */
@Component("modelWorkers")
class ModelWorkersHealthIndicator implements HealthIndicator {

	private final LiveModels models;

	ModelWorkersHealthIndicator(LiveModels models) {
		this.models = models;
	}

	@Override
	public Health health() {
		try {
			LiveModelsSnapshot snapshot = this.models.fresh();
			Map<String, Integer> perModel = new LinkedHashMap<>();
			for (ModelName model : snapshot.knownModels()) {
				perModel.put(model.value(), snapshot.workers(model));
			}
			int alive = snapshot.workers();
			return ((alive > 0) ? Health.up() : Health.outOfService()).withDetail("alive", alive)
				.withDetail("defaultModel", snapshot.defaultModel().value())
				.withDetail("models", perModel)
				.build();
		}
		catch (DataAccessException ex) {
			return Health.down().withDetail("error", "Redis unavailable: " + ex.getMessage()).build();
		}
	}

}
