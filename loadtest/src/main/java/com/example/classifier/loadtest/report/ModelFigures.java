package com.example.classifier.loadtest.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One model's figures in a test that aimed a mix at several models (issue #18), from the client's own records: the
 * uploads that asked for it (requests.csv tags each with its model), how many got an answer, their response times and
 * the answers per second. Percentiles are over the answered uploads, the time a user waited for a result; the time
 * base is the test's, as in {@link TestStats} (first user's start until the last measured request ended).
 *
 * @param model the model asked for; {@link #DEFAULT} for uploads that named none
 * @param requests uploads that asked for it, in the measuring window
 * @param ok those answered with 2xx
 */
public record ModelFigures(String model, int requests, int ok, double p50Ms, double p95Ms, double p99Ms,
		double okPerSecond) {

	/** How the report names the uploads without a model field. */
	static final String DEFAULT = "(default)";

	/** Each model's figures, by name; empty when no upload named a model (a test of one model, or an older run). */
	static List<ModelFigures> of(TestRun run) {
		List<RequestRecord> measured = run.measured();
		List<RequestRecord> uploads = measured.stream().filter(RequestRecord::isPredict).toList();
		if (uploads.stream().allMatch((r) -> r.model().isEmpty())) {
			return List.of();
		}
		long lastEnd = measured.stream().mapToLong(RequestRecord::endMs).max().orElse(run.endMs());
		double seconds = (Math.max(run.endMs(), lastEnd) - run.startMs()) / 1000.0;
		Map<String, List<RequestRecord>> byModel = uploads.stream()
			.collect(Collectors.groupingBy((r) -> r.model().isEmpty() ? DEFAULT : r.model(), TreeMap::new,
					Collectors.toList()));
		return byModel.entrySet().stream().map((e) -> of(e.getKey(), e.getValue(), seconds)).toList();
	}

	private static ModelFigures of(String model, List<RequestRecord> uploads, double seconds) {
		List<RequestRecord> answered = uploads.stream().filter(RequestRecord::ok).toList();
		Percentiles times = new Percentiles(answered.stream().map(RequestRecord::responseMs).toList());
		return new ModelFigures(model, uploads.size(), answered.size(), times.at(50), times.at(95), times.at(99),
				(seconds > 0) ? answered.size() / seconds : Double.NaN);
	}

}
