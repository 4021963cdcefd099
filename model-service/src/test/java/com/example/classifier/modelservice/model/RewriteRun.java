package com.example.classifier.modelservice.model;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code -Dbench.args="rewrites"}: what the DL4J graph rewrites buy, in one run. (1) {@link RewriteBenchmark} at two
 * and at one thread per call: each variant against the network as loaded, alternating in one JVM; (2) the ways to
 * spend the cores with the rewritten ResNet50, one JVM per way as in the full benchmark. Writes
 * {@code target/benchmark/rewrites.md}.
 */
final class RewriteRun {

	private RewriteRun() {
	}

	static void run(Map<String, String> options, double seconds, int rounds, Path out) throws Exception {
		List<String> report = new ArrayList<>();
		report.add("# DL4J graph rewrites, " + LocalDateTime.now().toString().substring(0, 16));
		report.add("");
		report.add("- CPU: " + EngineBenchmark.cpuModel() + ", " + Runtime.getRuntime().availableProcessors()
				+ " cores; load average at start " + EngineBenchmark.loadAverage());
		Map<Integer, Double> peak = EngineBenchmark.measurePeak();
		// As in the full benchmark: n threads' peak is at least n x one core's peak per CPU second, so that a busy
		// machine, which lowers the measured wall-clock peak, cannot flatter the engines.
		for (int threads = 1; threads < peak.size(); threads++) {
			peak.merge(threads, threads * peak.get(0), Math::max);
		}
		report.add("- FP32 peak (GFLOP/s by threads; 0 = one core per CPU second): " + peak);
		report.add("");
		report.add("| model | variant | threads per call | batch | img/s (best of " + rounds
				+ ") | vs first | % of FP32 peak | % of peak per CPU second |");
		report.add("|---|---|---:|---:|---:|---:|---:|---:|");
		for (int intra : List.of(2, 1)) {
			double threadsPeak = peak.get(Math.min(intra, peak.size() - 1));
			for (String line : child(List.of("intra=" + intra, "seconds=" + options.getOrDefault("rewrite-seconds",
					"3"), "rounds=" + options.getOrDefault("rewrite-rounds", "4"),
					"batches=" + options.getOrDefault("rewrite-batches", "1,8"), "peak=" + threadsPeak,
					"perCore=" + peak.get(0)))) {
				report.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |",
						EngineBenchmark.field(line, "model"), EngineBenchmark.field(line, "variant").replace('_', ' '),
						EngineBenchmark.field(line, "threads"), EngineBenchmark.field(line, "batch"),
						EngineBenchmark.field(line, "imgPerSec"), EngineBenchmark.field(line, "ratio"),
						EngineBenchmark.field(line, "percentOfPeak"),
						EngineBenchmark.field(line, "percentPerCpuSecond")));
			}
		}
		if (!options.containsKey("no-modes")) {
			int[] batches = { 1, 4, 8 };
			List<EngineBenchmark.Row> rows = new ArrayList<>();
			// callers x threads per call; the split runs one caller's images on two single-threaded replicas.
			List<EngineBenchmark.Config> configs = List.of(
					new EngineBenchmark.Config("DL4J oneDNN", "dl4j", "onednn", "nhwc", 1, 1, 2, batches, 3, rounds,
							"2g"),
					new EngineBenchmark.Config(EngineBenchmark.REWRITTEN, "dl4j", "onednn", "nhwc", 1, 1, 2, batches, 3,
							rounds, "2g"),
					new EngineBenchmark.Config(EngineBenchmark.REWRITTEN, "dl4j", "onednn", "nhwc", 1, 2, 1, batches, 3,
							rounds, "2g"),
					new EngineBenchmark.Config(EngineBenchmark.REWRITTEN + EngineBenchmark.SPLIT, "dl4j", "onednn",
							"nhwc", 1, 1, 2, batches, 3, rounds, "2g"));
			for (EngineBenchmark.Config config : configs) {
				System.out.println("== " + config.label() + ", " + config.mode() + " (load "
						+ EngineBenchmark.loadAverage() + ")");
				rows.addAll(EngineBenchmark.run(config, seconds, peak));
			}
			report.add("");
			report.add(EngineBenchmark.table(rows));
		}
		report.add("- load average at end " + EngineBenchmark.loadAverage());
		String text = String.join("\n", report) + "\n";
		System.out.println(text);
		Files.writeString(out.resolve("rewrites.md"), text);
	}

	/** Runs {@link RewriteBenchmark} in its own JVM (room for several ResNet50s off-heap) and returns its lines. */
	private static List<String> child(List<String> args) throws Exception {
		List<String> command = new ArrayList<>(List.of(EngineBenchmark.javaBinary(), "-Xmx3g",
				RewriteBenchmark.class.getName()));
		command.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
		Process process = builder.start();
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("@@REWRITE")) {
					lines.add(line.substring(2));
					System.out.println(line.substring(2));
				}
				else if (line.contains("Graph rewrites") || line.contains("Exception") || line.contains("WARN")) {
					System.out.println("   " + line);
				}
			}
		}
		if (process.waitFor() != 0) {
			throw new IllegalStateException("RewriteBenchmark failed with exit code " + process.exitValue());
		}
		return lines;
	}

}
