package com.example.classifier.loadtest.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One line of loadtest/scenarios.tsv: what a test does and what the seed measured for it (as text, because the seed
 * sometimes gave a range or a word rather than a number).
 */
public record ScenarioRow(int id, int users, double spawnRate, int apiInstances, int modelServices,
		boolean uniqueUploads, String seedRps, String seedMedianMs, String seedFailures, String title) {

	public static List<ScenarioRow> read(Path tsv) {
		try {
			return Files.readAllLines(tsv).stream()
				.filter((line) -> !line.isBlank() && !line.startsWith("#"))
				.map(ScenarioRow::parse)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + tsv, ex);
		}
	}

	static ScenarioRow parse(String line) {
		String[] f = line.split("\t");
		if (f.length < 10) {
			throw new IllegalArgumentException("scenarios.tsv: 10 tab-separated fields expected: " + line);
		}
		return new ScenarioRow(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
				Integer.parseInt(f[3]), Integer.parseInt(f[4]), Boolean.parseBoolean(f[5]), f[6], f[7], f[8], f[9]);
	}

	/** The seed's figure as a number, or NaN when it gave a range, a word or nothing. */
	static double number(String seedText) {
		try {
			return Double.parseDouble(seedText);
		}
		catch (NumberFormatException ex) {
			return Double.NaN;
		}
	}

	/** Whether this test is one of the seed's (ours has extras). */
	public boolean inSeedReport() {
		return !"n/a".equals(this.seedRps) || !"n/a".equals(this.seedMedianMs);
	}

}
