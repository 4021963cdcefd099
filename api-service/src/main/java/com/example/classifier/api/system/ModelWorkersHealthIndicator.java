package com.example.classifier.api.system;

import com.example.classifier.api.queue.LiveWorkers;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: without a live model worker every request would wait for its timeout, so the api is not ready
 * until at least one worker's heartbeat is fresh.
 */
@Component("modelWorkers")
class ModelWorkersHealthIndicator implements HealthIndicator {

	private final LiveWorkers workers;

	ModelWorkersHealthIndicator(LiveWorkers workers) {
		this.workers = workers;
	}

	@Override
	public Health health() {
		try {
			int alive = this.workers.alive();
			return ((alive > 0) ? Health.up() : Health.outOfService()).withDetail("alive", alive).build();
		}
		catch (DataAccessException ex) {
			return Health.down().withDetail("error", "Redis unavailable: " + ex.getMessage()).build();
		}
	}

}
