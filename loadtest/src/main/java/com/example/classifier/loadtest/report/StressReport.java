package com.example.classifier.loadtest.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Makes the stress-test report from a run of loadtest/run.sh:
 * {@code StressReport <run folder> <scenarios.tsv> <docs folder>} writes {@code stress-test.md}, its charts in
 * {@code img/} and the figures as {@code stress-test.csv} (for anyone who wants to plot them differently).
 */
public final class StressReport {

	private StressReport() {
	}

	public static void main(String[] args) {
		if (args.length != 3) {
			System.err.println("usage: StressReport <run folder> <scenarios.tsv> <docs folder>");
			System.exit(2);
		}
		System.setProperty("java.awt.headless", "true");
		Path written = write(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
		System.out.println("wrote " + written);
	}

	static Path write(Path runFolder, Path scenariosTsv, Path docs) {
		List<ScenarioRow> rows = ScenarioRow.read(scenariosTsv);
		List<TestStats> stats = new ArrayList<>();
		List<Properties> settings = new ArrayList<>();
		ChartWriter charts = new ChartWriter();
		for (ScenarioRow row : rows) {
			TestRun run = TestRun.load(runFolder.resolve("test-" + row.id()), row);
			stats.add((run != null) ? TestStats.of(run) : null);
			settings.add((run != null) ? run.settings() : new Properties());
			if (run != null) {
				charts.writeTest(run, row.title() + ": " + row.users() + " users, spawn rate "
						+ Figures.number(row.spawnRate(), 0), docs.resolve("img/stress-test-" + row.id() + ".png"));
			}
		}
		charts.writeSummary(rows, stats, docs.resolve("img/stress-summary.png"));
		Properties runProperties = TestRun.properties(runFolder.resolve("run.properties"));
		Path report = docs.resolve("stress-test.md");
		try {
			Files.writeString(report, new ReportWriter(runProperties).write(rows, stats, settings));
			Files.writeString(docs.resolve("stress-test.csv"), csv(rows, stats));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the report in " + docs, ex);
		}
		return report;
	}

	private static String csv(List<ScenarioRow> rows, List<TestStats> stats) {
		StringBuilder out = new StringBuilder("test,users,spawn_rate,api_instances,model_services,unique_uploads,"
				+ "requests,avg_rps,median_ms,p95_ms,p99_ms,failures,predictions_per_s,model_images_per_s,"
				+ "mean_batch,max_queue_depth,model_cpu,api_cpu,loadgen_cpu,other_cpu,seed_rps,seed_median_ms\n");
		for (int i = 0; i < rows.size(); i++) {
			ScenarioRow r = rows.get(i);
			TestStats s = stats.get(i);
			if (s == null) {
				continue;
			}
			out.append(String.format(Locale.ROOT,
					"%d,%d,%.0f,%d,%d,%b,%d,%.3f,%.0f,%.0f,%.0f,%d,%.3f,%.3f,%.2f,%.0f,%.3f,%.3f,%.3f,%.3f,%s,%s%n",
					r.id(), r.users(), r.spawnRate(), r.apiInstances(), r.modelServices(), r.uniqueUploads(),
					s.requests(), s.averageRps(), s.medianMs(), s.p95Ms(), s.p99Ms(), s.failures(),
					s.predictionsPerSecond(), s.modelImagesPerSecond(), s.meanBatchSize(), s.maxQueueDepth(),
					s.modelCpu(), s.apiCpu(), s.loadgenCpu(), s.otherCpu(), r.seedRps(), r.seedMedianMs()));
		}
		return out.toString();
	}

}
