package com.example.classifier.api.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.example.classifier.api.reliability.RawHttp;

/**
 * An open-loop sweep: for each share of the measured capacity, Poisson arrivals at that rate for a fixed time
 * ({@link ArrivalSchedule}), sent through the JDK client's asynchronous API from one sender thread that never waits
 * for an answer, so arrivals keep their schedule however slow the answers are. Each step's requests are all answered
 * (or time out) before the next step starts, so no step inherits another's queue.
 */
final class OpenLoopSweep {

	/** The shares of capacity (%) a sweep runs through. */
	static final int[] PERCENTS = { 10, 25, 50, 75, 90, 100, 110, 125, 150 };

	private final RawHttp client;

	private final PhotoSet photos;

	private final Duration stepLength;

	private final Duration timeout;

	OpenLoopSweep(RawHttp client, PhotoSet photos, Duration stepLength, Duration timeout) {
		this.client = client;
		this.photos = photos;
		this.stepLength = stepLength;
		this.timeout = timeout;
	}

	List<StepStats> run(double capacityPerSecond) {
		List<StepStats> steps = new ArrayList<>();
		for (int percent : PERCENTS) {
			double rate = capacityPerSecond * percent / 100;
			StepStats step = step(percent, rate, ArrivalSchedule.poisson(rate, this.stepLength, percent));
			steps.add(step);
			System.out.printf("open loop, %s photos, %3d %% = %5.2f/s: sent %d, ok %d, refused %d, failed %s;"
					+ " goodput %.2f/s; accepted p50 %.0f ms, p99 %.0f ms; load average %.1f%n", this.photos.kind(),
					percent, rate, step.sent(), step.ok(), step.refused(),
					step.failed() + (step.failures().isEmpty() ? "" : " " + step.failures()), step.goodputPerSecond(),
					step.p50Ms(), step.p99Ms(), java.lang.management.ManagementFactory.getOperatingSystemMXBean()
						.getSystemLoadAverage());
		}
		return steps;
	}

	private static String rootCause(Throwable error) {
		Throwable cause = error;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

	private StepStats step(int percent, double rate, ArrivalSchedule schedule) {
		List<StepStats.Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
		List<CompletableFuture<?>> pending = new ArrayList<>();
		long lateNanos = 0;
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
		for (int i = 0; i < schedule.size(); i++) {
			long due = start + schedule.offsetNanos(i);
			byte[] photo = this.photos.next();
			for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
				LockSupport.parkNanos(wait);
			}
			lateNanos = Math.max(lateNanos, System.nanoTime() - due);
			pending.add(this.client.postFileAsync(photo, "photo.jpg", this.timeout)
				.handle((answer, error) -> outcomes.add(new StepStats.Outcome((answer != null) ? answer.status() : 0,
						(System.nanoTime() - due) / 1e6, (error != null) ? rootCause(error) : null))));
		}
		CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
		if (lateNanos > TimeUnit.MILLISECONDS.toNanos(100)) {
			// Latency counts from the schedule, so a late send does not flatter the service; it does lower the rate.
			System.out.printf("open loop: the sender fell up to %.0f ms behind its schedule at %d %%%n",
					lateNanos / 1e6, percent);
		}
		return StepStats.of(percent, rate, this.stepLength, List.copyOf(outcomes));
	}

}
