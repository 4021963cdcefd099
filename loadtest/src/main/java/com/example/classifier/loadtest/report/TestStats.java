package com.example.classifier.loadtest.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one test, defined as the seed's Locust defined them where the seed reports them: every request
 * started between the first user's start and the end of the hold counts; average requests/s (and successful
 * predictions/s) is their number over the time from the first user's start until the last of them ended, as Locust
 * counts requests when they complete, over the whole run. Because our holds are shorter than the seed's, requests
 * started per second during the hold alone are given too (without the ramp's burst of {@code GET /}). Median and
 * percentiles are over all requests, whatever the endpoint or outcome (Locust's "Aggregated").
 * The rest is what the seed could not show: what users got (successful predictions/s, failures by kind) and what
 * the services did (images/s through the model, batch size, queue depth, CPU). A test that aimed a mix at several
 * models also has each model's own figures ({@link ModelFigures}; empty otherwise), and a run that kept the api's
 * request lines the api's own times ({@link ServerTimes}).
 */
public record TestStats(int requests, double averageRps, double holdRps, double peakRps, double medianMs, double p95Ms, double p99Ms,
		double predictMedianMs, double predictP95Ms, int predictions, double predictionsPerSecond, int cachedAnswers,
		int failures, Map<String, Integer> failuresByKind, double secondsToAllUsers, double modelImagesPerSecond,
		double meanBatchSize, double maxQueueDepth, double modelCpu, double apiCpu, double loadgenCpu,
		double redisCpu, double otherCpu, double loadAverage, double busyMedianMs, List<ModelFigures> perModel,
		ServerTimes server) {

	/** Requests without an answer when the test ended: no response time, counted in requests and failures. */
	static final String UNANSWERED = "still unanswered at the end";

	public static TestStats of(TestRun run) {
		List<RequestRecord> measured = run.measured();
		// Until the last measured request ended: answers given after the hold are work done for the test.
		long lastEnd = measured.stream().mapToLong(RequestRecord::endMs).max().orElse(run.endMs());
		double seconds = (Math.max(run.endMs(), lastEnd) - run.startMs()) / 1000.0;
		Percentiles all = new Percentiles(measured.stream().map(RequestRecord::responseMs).toList());
		List<RequestRecord> okPredicts = measured.stream().filter(RequestRecord::isPredict).filter(RequestRecord::ok)
			.toList();
		Percentiles predicts = new Percentiles(okPredicts.stream().map(RequestRecord::responseMs).toList());
		Map<String, Integer> kinds = new TreeMap<>();
		for (RequestRecord r : measured) {
			if (!r.ok()) {
				kinds.merge(r.failureKind(), 1, Integer::sum);
			}
		}
		if (run.unanswered() > 0) {
			kinds.put(UNANSWERED, run.unanswered());
		}
		List<SampleRow> hold = samplesBetween(run, holdStart(run), run.endMs());
		// Service rates over the hold, the steady part: the ramp's start-up and the last answers after it are not.
		long holdFrom = holdStart(run);
		double holdSeconds = Math.max(1, (run.endMs() - holdFrom) / 1000.0);
		double images = delta(run, "images", holdFrom, run.endMs());
		double batches = delta(run, "batches", holdFrom, run.endMs());
		double modelCpu = mean(hold, "model_cpu");
		double apiCpu = mean(hold, "api_cpu");
		double loadgenCpu = mean(hold, "loadgen_cpu");
		double systemCpu = mean(hold, "system_cpu");
		double redisCpu = mean(hold, "redis_cpu");
		int requests = measured.size() + run.unanswered();
		double holdRps = measured.stream().filter((r) -> r.startMs() >= holdFrom).count() / holdSeconds;
		return new TestStats(requests, requests / seconds, holdRps, peakRps(measured), all.at(50), all.at(95),
				all.at(99), predicts.at(50), predicts.at(95), okPredicts.size(), okPredicts.size() / seconds,
				(int) okPredicts.stream().filter(RequestRecord::cached).count(),
				kinds.values().stream().mapToInt(Integer::intValue).sum(), kinds, secondsToAllUsers(run),
				images / holdSeconds, (batches > 0) ? images / batches : Double.NaN, max(run.samples(), "queue_depth"),
				modelCpu, apiCpu, loadgenCpu, redisCpu,
				Math.max(0, systemCpu - modelCpu - apiCpu - loadgenCpu - TimeSeriesData.zeroIfMissing(redisCpu)),
				mean(hold, "load_average"), new Percentiles(measured.stream().filter((r) -> r.status() == 503)
					.map(RequestRecord::responseMs).toList()).at(50), ModelFigures.of(run), run.server());
	}

	/** When the last user was started: the steady part of the test begins there. */
	static long holdStart(TestRun run) {
		return run.startMs() + (long) (run.scenario().users() / run.scenario().spawnRate() * 1000);
	}

	/** Successful predictions per second per CPU core: the fair unit between machines of different sizes. */
	public double predictionsPerSecondPerCore(int cores) {
		return this.predictionsPerSecond / cores;
	}

	public double failureShare() {
		return (this.requests == 0) ? 0 : (double) this.failures / this.requests;
	}

	private static double peakRps(List<RequestRecord> requests) {
		Map<Long, Integer> perSecond = new TreeMap<>();
		for (RequestRecord r : requests) {
			perSecond.merge(r.startMs() / 1000, 1, Integer::sum);
		}
		return perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
	}

	private static double secondsToAllUsers(TestRun run) {
		int target = run.scenario().users();
		return run.samples().stream().filter((s) -> s.get("users") >= target).findFirst()
			.map((s) -> (s.epochMs() - run.startMs()) / 1000.0).orElse(Double.NaN);
	}

	/** How much a cumulative counter grew between two moments, from the samples nearest them. */
	private static double delta(TestRun run, String column, long from, long to) {
		double first = nearest(run, from, column);
		double last = nearest(run, to, column);
		return (Double.isNaN(first) || Double.isNaN(last)) ? Double.NaN : last - first;
	}

	private static double nearest(TestRun run, long epochMs, String column) {
		return run.samples().stream().filter((s) -> !Double.isNaN(s.get(column)))
			.min((a, b) -> Long.compare(Math.abs(a.epochMs() - epochMs), Math.abs(b.epochMs() - epochMs)))
			.map((s) -> s.get(column)).orElse(Double.NaN);
	}

	private static List<SampleRow> samplesBetween(TestRun run, long from, long to) {
		return run.samples().stream().filter((s) -> s.epochMs() >= from && s.epochMs() <= to).toList();
	}

	private static double mean(List<SampleRow> rows, String column) {
		return rows.stream().mapToDouble((s) -> s.get(column)).filter((v) -> !Double.isNaN(v)).average()
			.orElse(Double.NaN);
	}

	private static double max(List<SampleRow> rows, String column) {
		return rows.stream().mapToDouble((s) -> s.get(column)).filter((v) -> !Double.isNaN(v)).max()
			.orElse(Double.NaN);
	}

}
