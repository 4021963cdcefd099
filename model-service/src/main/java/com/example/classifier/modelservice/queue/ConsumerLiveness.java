package com.example.classifier.modelservice.queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Whether every consumer thread still runs. Each job's failure is caught where the job is handled, so a consumer
 * thread dies only of something no job explains (an Error from the Redis client, say). A process that lost one
 * cannot heal itself: this flips its liveness to BROKEN ({@code /actuator/health/liveness} answers 503, so Kubernetes
 * restarts it) and stops its heartbeat, which deletes the alive file compose's health check reads. Before, the dead
 * thread left liveness UP and the health check green while every request to the api got 504.
 */
@Component
class ConsumerLiveness implements Thread.UncaughtExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ConsumerLiveness.class);

	private final ApplicationEventPublisher events;

	private volatile String death;

	ConsumerLiveness(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Override
	public void uncaughtException(Thread thread, Throwable cause) {
		this.death = thread.getName() + " died of " + cause;
		log.error("Consumer thread {} died; liveness is BROKEN so that the process is restarted", thread.getName(),
				cause);
		AvailabilityChangeEvent.publish(this.events, this, LivenessState.BROKEN);
	}

	/** True once a consumer thread has died. */
	boolean isBroken() {
		return this.death != null;
	}

	/** Which thread died of what; null while all run. */
	String death() {
		return this.death;
	}

}
