package com.example.classifier.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.jfree.data.xy.XYSeries;

/**
 * The per-second series of a test's charts, x = seconds since the first user started. Requests are bucketed by the
 * second they started (requests/s, as Locust counts them) or finished (response times: a percentile is known once
 * the requests are answered); service figures come from the sampler's rows.
 */
final class TimeSeriesData {

	/** Response-time percentiles are taken over this many seconds of answers, so a quiet second is not one sample. */
	static final int PERCENTILE_WINDOW_S = 5;

	private final TestRun run;

	TimeSeriesData(TestRun run) {
		this.run = run;
	}

	XYSeries requestsPerSecond(String name, Predicate<RequestRecord> which) {
		Map<Long, Integer> perSecond = new TreeMap<>();
		long last = lastSecond();
		for (long s = 0; s <= last; s++) {
			perSecond.put(s, 0);
		}
		for (RequestRecord r : this.run.requests()) {
			if (which.test(r)) {
				perSecond.merge(second(r.startMs()), 1, Integer::sum);
			}
		}
		XYSeries series = new XYSeries(name);
		perSecond.forEach((s, n) -> series.add((double) s, (double) n));
		return series;
	}

	XYSeries responsePercentile(String name, double percent) {
		Map<Long, List<Long>> bySecond = new TreeMap<>();
		for (RequestRecord r : this.run.requests()) {
			bySecond.computeIfAbsent(second(r.endMs()), (k) -> new ArrayList<>()).add(r.responseMs());
		}
		XYSeries series = new XYSeries(name);
		for (long s = 0; s <= lastSecond(); s++) {
			List<Long> window = new ArrayList<>();
			for (long w = s - PERCENTILE_WINDOW_S + 1; w <= s; w++) {
				window.addAll(bySecond.getOrDefault(w, List.of()));
			}
			if (!window.isEmpty()) {
				series.add(s, Math.max(1, new Percentiles(window).at(percent)));
			}
		}
		return series;
	}

	/**
	 * A sampled gauge, times a factor (1, or 100 for a fraction shown as %). A second the service did not answer its
	 * scrape is a gap in the line (a null point), not a straight line to the next answer.
	 */
	XYSeries gauge(String name, String column, double factor) {
		XYSeries series = new XYSeries(name);
		for (SampleRow row : this.run.samples()) {
			double value = row.get(column);
			series.add(seconds(row.epochMs()), Double.isNaN(value) ? null : (Double) (value * factor));
		}
		return series;
	}

	/** The rest of the machine's CPU: what the sampler saw in use that none of our processes used. */
	XYSeries otherCpu(String name) {
		XYSeries series = new XYSeries(name);
		for (SampleRow row : this.run.samples()) {
			double other = row.get("system_cpu") - row.get("model_cpu") - row.get("api_cpu") - row.get("loadgen_cpu");
			series.add(seconds(row.epochMs()), Double.isNaN(other) ? null : (Double) (Math.max(0, other) * 100));
		}
		return series;
	}

	/**
	 * The growth per second of a cumulative counter over the last few seconds: the model's counter moves once per
	 * batch, so a one-second rate would jump between 0 and a whole batch.
	 */
	XYSeries rate(String name, String column) {
		XYSeries series = new XYSeries(name);
		List<SampleRow> rows = this.run.samples();
		for (int i = PERCENTILE_WINDOW_S; i < rows.size(); i++) {
			SampleRow from = rows.get(i - PERCENTILE_WINDOW_S);
			SampleRow to = rows.get(i);
			double dt = (to.epochMs() - from.epochMs()) / 1000.0;
			double growth = to.get(column) - from.get(column);
			series.add(seconds(to.epochMs()), (dt > 0 && !Double.isNaN(growth)) ? (Double) (growth / dt) : null);
		}
		return series;
	}

	/** Images per engine call over the last few seconds (a one-second ratio jumps between whole numbers). */
	XYSeries meanBatchSize(String name) {
		XYSeries series = new XYSeries(name);
		List<SampleRow> rows = this.run.samples();
		for (int i = PERCENTILE_WINDOW_S; i < rows.size(); i++) {
			SampleRow from = rows.get(i - PERCENTILE_WINDOW_S);
			SampleRow to = rows.get(i);
			double batches = to.get("batches") - from.get("batches");
			if (batches > 0) {
				series.add(seconds(to.epochMs()), (to.get("images") - from.get("images")) / batches);
			}
		}
		return series;
	}

	double seconds(long epochMs) {
		return (epochMs - this.run.startMs()) / 1000.0;
	}

	private long second(long epochMs) {
		return Math.floorDiv(epochMs - this.run.startMs(), 1000);
	}

	private long lastSecond() {
		long last = this.run.endMs();
		for (RequestRecord r : this.run.requests()) {
			last = Math.max(last, r.endMs());
		}
		return second(last);
	}

}
