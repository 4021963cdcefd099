package com.example.classifier.loadtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The few facts the sampler needs from a Prometheus text exposition: samples by metric name and labels. Only the
 * text format's sample lines are read ({@code name{a="b",...} value [timestamp]}); comments and types are skipped.
 */
public final class PrometheusText {

	private final List<Sample> samples;

	private PrometheusText(List<Sample> samples) {
		this.samples = samples;
	}

	public static PrometheusText parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			line = line.strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			Sample sample = parseLine(line);
			if (sample != null) {
				samples.add(sample);
			}
		}
		return new PrometheusText(samples);
	}

	/** The sum of every sample of that name whose labels include the given ones (empty when there is none). */
	public OptionalDouble sum(String name, String... labelPairs) {
		double total = 0;
		boolean found = false;
		for (Sample sample : this.samples) {
			if (sample.name.equals(name) && sample.hasLabels(labelPairs) && !Double.isNaN(sample.value)) {
				total += sample.value;
				found = true;
			}
		}
		return found ? OptionalDouble.of(total) : OptionalDouble.empty();
	}

	private static Sample parseLine(String line) {
		int brace = line.indexOf('{');
		int space;
		String name;
		Map<String, String> labels = new LinkedHashMap<>();
		if (brace >= 0 && brace < line.indexOf(' ')) {
			name = line.substring(0, brace);
			int close = parseLabels(line, brace + 1, labels);
			if (close < 0) {
				return null;
			}
			space = close + 1;
		}
		else {
			space = line.indexOf(' ');
			if (space < 0) {
				return null;
			}
			name = line.substring(0, space);
		}
		String[] rest = line.substring(space).strip().split("\\s+");
		try {
			return new Sample(name, labels, Double.parseDouble(rest[0]));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** Reads {@code a="b",c="d"} up to the closing brace; returns its index, or -1 for a malformed line. */
	private static int parseLabels(String line, int from, Map<String, String> labels) {
		int i = from;
		while (i < line.length()) {
			char c = line.charAt(i);
			if (c == '}') {
				return i;
			}
			if (c == ',' || c == ' ') {
				i++;
				continue;
			}
			int eq = line.indexOf('=', i);
			if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
				return -1;
			}
			StringBuilder value = new StringBuilder();
			int j = eq + 2;
			while (j < line.length() && line.charAt(j) != '"') {
				if (line.charAt(j) == '\\' && j + 1 < line.length()) {
					j++;
				}
				value.append(line.charAt(j++));
			}
			labels.put(line.substring(i, eq).strip(), value.toString());
			i = j + 1;
		}
		return -1;
	}

	private record Sample(String name, Map<String, String> labels, double value) {

		boolean hasLabels(String... pairs) {
			for (int i = 0; i + 1 < pairs.length; i += 2) {
				if (!pairs[i + 1].equals(this.labels.get(pairs[i]))) {
					return false;
				}
			}
			return true;
		}

	}

}
