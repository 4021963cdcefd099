package com.example.classifier.api.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one open-loop step got: the requests sent in it (at a fixed rate, whatever the answers), how they ended, and
 * the latency of the accepted ones, timed from the moment each was scheduled (not when it went out, so a sender that
 * falls behind cannot hide a slow service).
 *
 * @param percent the step's rate as a share of the measured capacity
 * @param ratePerSecond the arrival rate the schedule was drawn for
 * @param seconds the step's length
 * @param sent requests sent
 * @param ok answered with a prediction (200)
 * @param refused refused at admission (503)
 * @param failed anything else: another status, or no answer
 * @param p50Ms median latency of the accepted (200) requests
 * @param p99Ms 99th percentile of the same
 * @param failures what the failed ones got, and how many: a status ("HTTP 504") or the client's error
 */
record StepStats(int percent, double ratePerSecond, double seconds, int sent, int ok, int refused, int failed,
		double p50Ms, double p99Ms, Map<String, Long> failures) {

	/** A step keeps up while at least this share of what was sent comes back as predictions. */
	static final double KEEPS_UP = 0.95;

	/**
	 * How one request ended: its HTTP status (0: no answer, {@code error} says why) and milliseconds from its
	 * scheduled send.
	 */
	record Outcome(int status, double latencyMs, String error) {

		Outcome(int status, double latencyMs) {
			this(status, latencyMs, null);
		}

		String failure() {
			return (this.status != 0) ? "HTTP " + this.status : String.valueOf(this.error);
		}

	}

	static StepStats of(int percent, double ratePerSecond, Duration length, List<Outcome> outcomes) {
		double[] accepted = outcomes.stream()
			.filter((outcome) -> outcome.status() == 200)
			.mapToDouble(Outcome::latencyMs)
			.sorted()
			.toArray();
		int refused = (int) outcomes.stream().filter((outcome) -> outcome.status() == 503).count();
		Map<String, Long> failures = outcomes.stream()
			.filter((outcome) -> outcome.status() != 200 && outcome.status() != 503)
			.collect(Collectors.groupingBy(Outcome::failure, TreeMap::new, Collectors.counting()));
		return new StepStats(percent, ratePerSecond, length.toNanos() / 1e9, outcomes.size(), accepted.length, refused,
				outcomes.size() - accepted.length - refused, percentile(accepted, 50), percentile(accepted, 99),
				failures);
	}

	/** Requests sent per second: the rate offered, as the schedule drew it. */
	double offeredPerSecond() {
		return this.sent / this.seconds;
	}

	/** Successful predictions per second. */
	double goodputPerSecond() {
		return this.ok / this.seconds;
	}

	/** Whether the service answered (nearly) everything it was offered in this step. */
	boolean keepsUp() {
		return this.sent > 0 && this.ok >= KEEPS_UP * this.sent;
	}

	/** Nearest-rank percentile of sorted values; NaN for none. */
	static double percentile(double[] sorted, double percent) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(percent / 100 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
	}

}
