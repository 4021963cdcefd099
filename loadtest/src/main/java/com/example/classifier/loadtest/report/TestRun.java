package com.example.classifier.loadtest.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;

/**
 * What one test of a run left on disk (run/loadtest/&lt;time&gt;/test-N/): its settings, the measuring window, every
 * request and the per-second samples.
 *
 * @param startMs when the first user was started
 * @param endMs when users stopped starting tasks (end of the hold); requests started later are not counted
 * @param unanswered requests still open when Gatling stopped (they have no line in requests.csv)
 */
public record TestRun(ScenarioRow scenario, Properties settings, long startMs, long endMs, int unanswered,
		List<RequestRecord> requests, List<SampleRow> samples, ServerTimes server) {

	/** The test's folder, or null when it holds no complete run (the test failed to start or was not selected). */
	public static TestRun load(Path folder, ScenarioRow scenario) {
		Path window = folder.resolve("window.properties");
		Path requestsFile = folder.resolve("requests.csv");
		if (!Files.isRegularFile(window) || !Files.isRegularFile(requestsFile)) {
			return null;
		}
		Properties windowProps = properties(window);
		List<RequestRecord> requests = new ArrayList<>();
		List<SampleRow> samples = new ArrayList<>();
		try {
			for (String line : skipHeader(Files.readAllLines(requestsFile))) {
				requests.add(RequestRecord.parse(line));
			}
			Path samplesFile = folder.resolve("samples.csv");
			if (Files.isRegularFile(samplesFile)) {
				List<String> lines = Files.readAllLines(samplesFile);
				String[] header = lines.isEmpty() ? new String[0] : lines.get(0).split(",");
				for (String line : skipHeader(lines)) {
					samples.add(SampleRow.parse(header, line));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + folder, ex);
		}
		requests.sort(Comparator.comparingLong(RequestRecord::startMs));
		Path scenarioFile = folder.resolve("scenario.properties");
		Properties settings = Files.isRegularFile(scenarioFile) ? properties(scenarioFile) : new Properties();
		return new TestRun(scenario, settings, Long.parseLong(windowProps.getProperty("start_ms")),
				Long.parseLong(windowProps.getProperty("end_ms")),
				Integer.parseInt(windowProps.getProperty("unanswered", "0")), List.copyOf(requests),
				List.copyOf(samples), ServerTimes.load(folder));
	}

	static Properties properties(Path file) {
		Properties properties = new Properties();
		if (Files.isRegularFile(file)) {
			try (Reader reader = Files.newBufferedReader(file)) {
				properties.load(reader);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot read " + file, ex);
			}
		}
		return properties;
	}

	/** Requests started inside the window: those the figures are about. */
	public List<RequestRecord> measured() {
		return this.requests.stream().filter((r) -> r.startMs() >= this.startMs && r.startMs() <= this.endMs).toList();
	}

	public double windowSeconds() {
		return (this.endMs - this.startMs) / 1000.0;
	}

	private static List<String> skipHeader(List<String> lines) {
		return lines.isEmpty() ? lines : lines.subList(1, lines.size()).stream().filter((l) -> !l.isBlank()).toList();
	}

}
