package com.example.classifier.loadtest.report;

import java.util.HashMap;
import java.util.Map;

/** One second of samples.csv (see {@code MetricsSampler}); a cell the sampler could not read is NaN. */
public record SampleRow(long epochMs, Map<String, Double> values) {

	static SampleRow parse(String[] header, String line) {
		String[] f = line.split(",", -1);
		Map<String, Double> values = new HashMap<>();
		for (int i = 1; i < header.length && i < f.length; i++) {
			values.put(header[i], f[i].isEmpty() ? Double.NaN : Double.parseDouble(f[i]));
		}
		return new SampleRow(Long.parseLong(f[0]), values);
	}

	public double get(String column) {
		return this.values.getOrDefault(column, Double.NaN);
	}

}
