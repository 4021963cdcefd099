package com.example.classifier.api.reliability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One summary line per reliability test, with the figures that go into {@code docs/reliability.md}: printed, and
 * appended to {@code target/reliability-summary.txt} so a run's figures can be copied from one place.
 */
final class ReliabilityReport {

	private static final Path FILE = Path.of("target", "reliability-summary.txt");

	private final String test;

	private final Map<String, Object> figures = new LinkedHashMap<>();

	private ReliabilityReport(String test) {
		this.test = test;
	}

	static ReliabilityReport of(String test) {
		return new ReliabilityReport(test);
	}

	ReliabilityReport with(String name, Object value) {
		this.figures.put(name, value);
		return this;
	}

	void print() {
		// The machine's load average goes with every figure: on a shared machine it explains most of the spread.
		this.figures.put("loadAverage", String.format(Locale.ROOT, "%.1f",
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
		String line = "RELIABILITY " + this.test + ": " + this.figures.entrySet()
			.stream()
			.map((figure) -> figure.getKey() + "=" + figure.getValue())
			.collect(Collectors.joining(" "));
		System.out.println(line);
		try {
			Files.createDirectories(FILE.getParent());
			Files.writeString(FILE, Instant.now() + " " + line + System.lineSeparator(), StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			System.out.println("(summary file not written: " + ex.getMessage() + ")");
		}
	}

}
