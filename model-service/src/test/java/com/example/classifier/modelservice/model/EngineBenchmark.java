package com.example.classifier.modelservice.model;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.util.ModelSerializer;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The engine benchmark (not a test): ResNet50 on ONNX Runtime and DL4J, for each engine x batch size x way of using
 * the cores, in separate JVMs ({@link BenchmarkWorker}), against the FP32 peak measured in the same run
 * ({@link FmaPeak}). Run from the project root:
 *
 * <pre>./mvnw -B -Pbench -DskipTests -pl common,model-service test</pre>
 *
 * Options ({@code -Dbench.args="..."}): {@code seconds=S} per measurement (default 6), {@code rounds=N} measurements
 * per point, the best one reported (default 3), {@code quick} (fewer configurations, one round), {@code docs} (also write the chart and table into {@code docs/}), {@code save-dl4j=<file.zip>} (only write the DL4J
 * ResNet50 with random weights as a model file, for {@code EndToEndBenchmark}), {@code rewrites} (only what the DL4J
 * graph rewrites, layouts, workspaces and the batch split buy: {@link RewriteRun}; with {@code no-modes},
 * {@code rewrite-seconds=S}, {@code rewrite-rounds=N}, {@code rewrite-batches=1,8}). Prints the table and writes
 * {@code model-service/target/benchmark/results.md}, {@code results.csv} and {@code engine-benchmark.png}.
 */
public final class EngineBenchmark {

	private static final int[] BATCHES = { 1, 4, 8, 16 };

	/** Label of the DL4J configurations whose network is rewritten for inference ({@code InferenceRewrite}). */
	static final String REWRITTEN = "DL4J oneDNN rewritten";

	/** Label ending of the DL4J configurations that spread each call's images over one replica per thread. */
	static final String SPLIT = ", batch split";

	private EngineBenchmark() {
	}

	/** One way of running an engine: processes x caller threads per process x threads per call. */
	record Config(String label, String engine, String natives, String format, int procs, int callers, int intra,
			int[] batches, int minCalls, int rounds, String heap) {

		int threads() {
			return this.procs * this.callers * this.intra;
		}

		String mode() {
			return this.procs + " proc x " + this.callers + " caller x " + this.intra + " thread";
		}

		List<String> args(double seconds) {
			List<String> args = new ArrayList<>(List.of("engine=" + this.engine, "intra=" + this.intra,
					"callers=" + this.callers, "seconds=" + seconds, "minCalls=" + this.minCalls,
					"rounds=" + this.rounds, "batches="
							+ String.join(",", Arrays.stream(this.batches).mapToObj(Integer::toString).toList())));
			if (this.engine.equals("dl4j")) {
				args.add("natives=" + this.natives);
				args.add("format=" + this.format);
				args.add("rewrite=" + this.label.startsWith(REWRITTEN));
				args.add("split=" + this.label.endsWith(SPLIT));
			}
			return args;
		}

	}

	/**
	 * @param coresUsed CPU seconds the processes got per wall second
	 * @param percentOfCpuPeak GFLOP done per CPU second the processes got, against one core's peak: the engine's
	 * efficiency while it ran, which other work on the machine does not lower
	 */
	record Row(Config config, int batch, double msPerBatch, double imgPerSec, double gflop, double percentOfPeak,
			long rssMb, long hwmMb, double coresUsed, double percentOfCpuPeak) {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			for (String part : arg.trim().split("\\s+")) {
				if (!part.isEmpty()) {
					int eq = part.indexOf('=');
					options.put((eq < 0) ? part : part.substring(0, eq), (eq < 0) ? "true" : part.substring(eq + 1));
				}
			}
		}
		if (options.containsKey("chart")) {
			// Re-draw the chart of an earlier run: chart=<results.csv> peak=<2-core GFLOP/s>.
			Path csv = Path.of(options.get("chart"));
			chart(fromCsv(Files.readAllLines(csv)), Map.of(0, 0.0, 1, 0.0, 2, Double.parseDouble(options.get("peak"))),
					csv.resolveSibling("engine-benchmark.png"));
			System.out.println("Wrote " + csv.resolveSibling("engine-benchmark.png"));
			return;
		}
		if (options.containsKey("save-dl4j")) {
			// The standard ResNet50 with random weights as a DL4J model file, for the end-to-end benchmark.
			Path file = Path.of(options.get("save-dl4j")).toAbsolutePath();
			Files.createDirectories(file.getParent());
			Dl4jRuntime.configure(Dl4jNatives.AUTO, 1, null);
			ModelSerializer.writeModel(ResNet50Graph.build(CNN2DFormat.NHWC, 42), file.toFile(),
					false);
			System.out.println("Wrote " + file);
			return;
		}
		double seconds = Double.parseDouble(options.getOrDefault("seconds", "6"));
		boolean quick = options.containsKey("quick");
		// Other work on a shared machine only ever slows a round down: the best of several rounds is the engine's.
		int rounds = Integer.parseInt(options.getOrDefault("rounds", quick ? "1" : "3"));
		Path moduleDir = Path.of("").toAbsolutePath();
		Path out = moduleDir.resolve("target/benchmark");
		Files.createDirectories(out);
		if (options.containsKey("rewrites")) {
			RewriteRun.run(options, seconds, rounds, out);
			return;
		}
		List<String> log = new ArrayList<>();
		String started = LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16);
		log.add("CPU: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores; load average at "
				+ "start " + loadAverage());

		Map<Integer, Double> peak = new LinkedHashMap<>(measurePeak());
		log.add("FP32 peak (vector FMA loop), start of run: " + peak);

		List<String> accuracy = runAccuracy();

		List<Config> configs = new ArrayList<>();
		String[] engines = { "onnx", "dl4j" };
		for (String engine : engines) {
			String natives = engine.equals("dl4j") ? "onednn" : "";
			String format = engine.equals("dl4j") ? "nhwc" : "";
			String name = engine.equals("dl4j") ? "DL4J oneDNN" : "ONNX Runtime";
			configs.add(new Config(name, engine, natives, format, 1, 1, 1, BATCHES, 3, rounds, "2g"));
			configs.add(new Config(name, engine, natives, format, 1, 1, 2, BATCHES, 3, rounds, "2g"));
			if (engine.equals("onnx")) {
				// The service's default with one worker thread: each batch as one single-threaded call per thread.
				configs.add(new Config(name + SPLIT, engine, natives, format, 1, 1, 2, BATCHES, 3, rounds, "2g"));
			}
			if (!quick) {
				configs.add(new Config(name, engine, natives, format, 1, 2, 1, BATCHES, 3, rounds, "2g"));
				configs.add(new Config(name, engine, natives, format, 2, 1, 1, BATCHES, 3, rounds, "2g"));
			}
		}
		if (!quick) {
			configs.add(new Config("DL4J oneDNN NCHW", "dl4j", "onednn", "nchw", 1, 1, 2, BATCHES, 2, rounds, "2g"));
			configs.add(new Config("DL4J oneDNN-AVX512", "dl4j", "onednn-avx512", "nhwc", 1, 1, 2, BATCHES, 2, rounds, "2g"));
		}
		// Slow (seconds per batch): fewer batch sizes and rounds.
		configs.add(new Config("DL4J as shipped", "dl4j", "plain", "nhwc", 1, 1, 2,
				quick ? new int[] { 1, 8 } : new int[] { 1, 8, 16 }, 1, Math.min(rounds, 2), "3g"));

		List<Row> rows = new ArrayList<>();
		for (Config config : configs) {
			System.out.println("== " + config.label() + ", " + config.mode() + " (load " + loadAverage() + ")");
			rows.addAll(run(config, seconds, peak));
		}
		Map<Integer, Double> peakEnd = measurePeak();
		log.add("FP32 peak, end of run: " + peakEnd + "; load average at end " + loadAverage());
		double peakAtStart0 = peak.get(0);
		// The denominator is the best peak seen (a busy machine lowers it), and for n threads at least n times one
		// core's peak per CPU second (what n idle cores would do): never flatters the engines.
		peakEnd.forEach((threads, gflops) -> peak.merge(threads, gflops, Math::max));
		for (int threads = 1; threads < peak.size(); threads++) {
			peak.merge(threads, threads * peak.get(0), Math::max);
		}
		log.add("% of FP32 peak below is against " + peak + " GFLOP/s (threads -> GFLOP/s; the best of start and end, "
				+ "and at least threads x one core's peak per CPU second)");
		rows = rows.stream()
			.map((row) -> new Row(row.config(), row.batch(), row.msPerBatch(), row.imgPerSec(), row.gflop(),
					100 * row.imgPerSec() * row.gflop() / peak.get(Math.min(row.config().threads(), peak.size() - 1)),
					row.rssMb(), row.hwmMb(), row.coresUsed(),
					row.percentOfCpuPeak() * peakAtStart0 / peak.get(0)))
			.toList();

		String table = table(rows);
		StringBuilder report = new StringBuilder();
		report.append("# Engine benchmark, ").append(started).append("\n\n");
		for (String line : log) {
			report.append("- ").append(line).append('\n');
		}
		report.append("\n").append(table).append("\n").append(speedups(rows)).append("\n## Accuracy (MobileNetV2, shared photos)\n\n");
		for (String line : accuracy) {
			report.append("- ").append(line).append('\n');
		}
		System.out.println();
		System.out.println(report);
		Files.writeString(out.resolve("results.md"), report);
		Files.writeString(out.resolve("results.csv"), csv(rows));
		Path chart = out.resolve("engine-benchmark.png");
		chart(rows, peak, chart);
		System.out.println("Wrote " + out.resolve("results.md") + ", results.csv and " + chart);
		if (options.containsKey("docs")) {
			Path docs = moduleDir.resolve("../docs").normalize();
			Files.createDirectories(docs.resolve("img"));
			Files.copy(chart, docs.resolve("img/engine-benchmark.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			Files.writeString(docs.resolve("benchmark-results.md"), report);
			System.out.println("Wrote docs/img/engine-benchmark.png and docs/benchmark-results.md");
		}
	}

	static List<Row> run(Config config, double seconds, Map<Integer, Double> peak) throws Exception {
		List<Process> processes = new ArrayList<>();
		List<BlockingQueue<String>> lines = new ArrayList<>();
		List<Writer> inputs = new ArrayList<>();
		for (int p = 0; p < config.procs(); p++) {
			List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + config.heap(),
					"-Dshared.dir=" + System.getProperty("shared.dir", ""), BenchmarkWorker.class.getName()));
			command.addAll(config.args(seconds));
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			// The class path through the environment keeps the command line short.
			builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
			builder.environment().put("OMP_NUM_THREADS", Integer.toString(config.intra()));
			Process process = builder.start();
			processes.add(process);
			inputs.add(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
			BlockingQueue<String> queue = new LinkedBlockingQueue<>();
			lines.add(queue);
			Thread reader = new Thread(() -> pump(process, queue, config.procs() > 1 ? "[" + process.pid() + "] " : ""));
			reader.setDaemon(true);
			reader.start();
		}
		List<Row> rows = new ArrayList<>();
		double gflop = 0;
		try {
			for (BlockingQueue<String> queue : lines) {
				gflop = Double.parseDouble(field(await(queue, "LOADED"), "gflop"));
			}
			for (int batch : config.batches()) {
				double imgPerSec = 0;
				double ms = 0;
				long rss = 0;
				long hwm = 0;
				double cores = 0;
				double cpuPercent = 0;
				for (int round = 0; round < config.rounds(); round++) {
					for (BlockingQueue<String> queue : lines) {
						await(queue, "READY");
					}
					for (Writer input : inputs) {
						input.write("GO\n");
						input.flush();
					}
					double roundImgPerSec = 0;
					double roundMs = 0;
					double roundCpu = 0;
					double roundImages = 0;
					double roundWall = 0;
					rss = 0;
					hwm = 0;
					for (BlockingQueue<String> queue : lines) {
						String result = await(queue, "RESULT");
						roundImgPerSec += Double.parseDouble(field(result, "imgPerSec"));
						roundCpu += Double.parseDouble(field(result, "cpuSec"));
						roundImages += Double.parseDouble(field(result, "images"));
						roundWall = Math.max(roundWall, Double.parseDouble(field(result, "wallSec")));
						roundMs += Double.parseDouble(field(result, "medianMs")) / config.procs();
						rss += Long.parseLong(field(result, "rssMB"));
						hwm += Long.parseLong(field(result, "hwmMB"));
					}
					if (roundImgPerSec > imgPerSec) {
						imgPerSec = roundImgPerSec;
						ms = roundMs;
						cores = roundCpu / roundWall;
						cpuPercent = 100 * roundImages * gflop / roundCpu / peak.get(0);
					}
				}
				double percent = 100 * imgPerSec * gflop / peak.get(Math.min(config.threads(), peak.size() - 1));
				Row row = new Row(config, batch, ms, imgPerSec, gflop, percent, rss, hwm, cores, cpuPercent);
				rows.add(row);
				System.out.printf(Locale.ROOT,
						"   batch %2d: %8.1f ms/batch %7.2f img/s %5.1f %% of peak, RSS %d MB (peak %d MB); %.2f cores "
								+ "used, %.1f %% of peak per CPU second%n",
						batch, ms, imgPerSec, percent, rss, hwm, cores, cpuPercent);
			}
		}
		finally {
			for (Writer input : inputs) {
				try {
					input.close();
				}
				catch (IOException ex) {
					// already gone
				}
			}
			for (Process process : processes) {
				if (!process.waitFor(60, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
		}
		return rows;
	}

	static void pump(Process process, BlockingQueue<String> queue, String prefix) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("@@")) {
					queue.add(line.substring(2));
					if (line.startsWith("@@INFO") || line.startsWith("@@LOADED")) {
						System.out.println("   " + prefix + line.substring(2));
					}
				}
				else if (line.contains("Exception") || line.contains("ERROR") || line.contains("WARN")) {
					System.out.println("   " + prefix + line);
				}
			}
		}
		catch (IOException ex) {
			// process ended
		}
		queue.add("EXIT");
	}

	private static String await(BlockingQueue<String> queue, String kind) throws InterruptedException {
		while (true) {
			String line = queue.poll(15, TimeUnit.MINUTES);
			if (line == null || line.equals("EXIT")) {
				throw new IllegalStateException("A benchmark process ended before " + kind);
			}
			if (line.startsWith(kind)) {
				return line;
			}
		}
	}

	static String field(String line, String name) {
		for (String part : line.split(" ")) {
			if (part.startsWith(name + "=")) {
				return part.substring(name.length() + 1);
			}
		}
		throw new IllegalArgumentException("No " + name + " in " + line);
	}

	/** threads -> GFLOP/s. */
	static Map<Integer, Double> measurePeak() throws Exception {
		int cores = Runtime.getRuntime().availableProcessors();
		ProcessBuilder builder = new ProcessBuilder(javaBinary(), "--add-modules", "jdk.incubator.vector",
				FmaPeak.class.getName(), Integer.toString(cores)).redirectErrorStream(true);
		builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
		Process process = builder.start();
		Map<Integer, Double> peak = new LinkedHashMap<>();
		double perCpuSecond = 0;
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("@@PEAK")) {
					peak.put(Integer.parseInt(field(line, "threads")), Double.parseDouble(field(line, "gflops")));
					perCpuSecond = Math.max(perCpuSecond, Double.parseDouble(field(line, "perCpuSecond")));
				}
			}
		}
		process.waitFor();
		// Key 0: one core's peak per CPU second (the denominator of "% of peak per CPU second").
		peak.put(0, perCpuSecond);
		System.out.println("FP32 peak GFLOP/s by threads (0 = one core, per CPU second): " + peak);
		return peak;
	}

	private static List<String> runAccuracy() throws Exception {
		ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx2g",
				"-Dshared.dir=" + System.getProperty("shared.dir", ""), BenchmarkWorker.class.getName(), "accuracy")
			.redirectErrorStream(true);
		builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
		Process process = builder.start();
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("@@ACCURACY")) {
					lines.add(line.substring("@@ACCURACY ".length()));
					System.out.println(line.substring(2));
				}
			}
		}
		process.waitFor();
		return lines;
	}

	static String table(List<Row> rows) {
		StringBuilder table = new StringBuilder(
				"| engine | processes x callers x threads per call | batch | ms per batch | img/s | % of FP32 peak | RSS MB (peak) | cores used | % of peak per CPU second |\n"
						+ "|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Row row : rows) {
			table.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.2f | %.1f | %d (%d) | %.2f | %.1f |%n",
					row.config().label(), row.config().procs() + " x " + row.config().callers() + " x "
							+ row.config().intra(),
					row.batch(), row.msPerBatch(), row.imgPerSec(), row.percentOfPeak(), row.rssMb(), row.hwmMb(),
					row.coresUsed(), row.percentOfCpuPeak()));
		}
		return table.toString();
	}

	/** oneDNN against DL4J as shipped, same batch, same 2 threads, same run. */
	private static String speedups(List<Row> rows) {
		StringBuilder out = new StringBuilder();
		for (Row plain : rows) {
			if (!plain.config().label().equals("DL4J as shipped")) {
				continue;
			}
			for (Row fast : rows) {
				if (fast.config().label().equals("DL4J oneDNN") && fast.config().procs() == 1
						&& fast.config().callers() == 1 && fast.config().intra() == plain.config().intra()
						&& fast.batch() == plain.batch()) {
					out.append(String.format(Locale.ROOT,
							"- DL4J oneDNN vs as shipped, batch %d, %d threads: %.1fx faster (%.2f vs %.2f img/s), "
									+ "peak RSS %d vs %d MB%n",
							plain.batch(), plain.config().intra(), fast.imgPerSec() / plain.imgPerSec(),
							fast.imgPerSec(), plain.imgPerSec(), fast.hwmMb(), plain.hwmMb()));
				}
			}
		}
		return out.toString();
	}

	private static String csv(List<Row> rows) {
		StringBuilder csv = new StringBuilder(
				"engine,natives,format,processes,callers,threads_per_call,batch,ms_per_batch,img_per_s,gflop_per_img,percent_of_peak,rss_mb,hwm_mb,cores_used,percent_of_peak_per_cpu_second\n");
		for (Row row : rows) {
			Config c = row.config();
			csv.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%d,%.2f,%.3f,%.3f,%.2f,%d,%d,%.2f,%.2f%n",
					c.engine(), c.natives(), c.format(), c.procs(), c.callers(), c.intra(), row.batch(),
					row.msPerBatch(), row.imgPerSec(), row.gflop(), row.percentOfPeak(), row.rssMb(), row.hwmMb(),
					row.coresUsed(), row.percentOfCpuPeak()));
		}
		return csv.toString();
	}

	/**
	 * Two panels over batch size: images per second (wall clock, with the 2-core peak as a dashed line), and the
	 * engines' efficiency per CPU second they got (% of one core's peak), which other work on the machine does not
	 * distort.
	 */
	private static void chart(List<Row> rows, Map<Integer, Double> peak, Path file) throws IOException {
		Map<String, XYSeries> throughput = new LinkedHashMap<>();
		Map<String, XYSeries> efficiency = new LinkedHashMap<>();
		for (Row row : rows) {
			String key = row.config().label() + " (" + row.config().procs() + "x" + row.config().callers() + "x"
					+ row.config().intra() + ")";
			throughput.computeIfAbsent(key, XYSeries::new).add(row.batch(), row.imgPerSec());
			efficiency.computeIfAbsent(key, XYSeries::new).add(row.batch(), row.percentOfCpuPeak());
		}
		double gflop = rows.isEmpty() ? 8.18 : rows.get(0).gflop();
		int cores = peak.size() - 1;
		XYSeriesCollection top = new XYSeriesCollection();
		throughput.values().forEach(top::addSeries);
		XYSeries limit = new XYSeries("100 % of the measured FP32 peak (" + cores + " cores)");
		limit.add(1, peak.get(cores) / gflop);
		limit.add(16, peak.get(cores) / gflop);
		top.addSeries(limit);
		XYSeriesCollection bottom = new XYSeriesCollection();
		efficiency.values().forEach(bottom::addSeries);

		NumberAxis batchAxis = new NumberAxis("batch size");
		batchAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
		batchAxis.setRange(0.5, 16.5);
		CombinedDomainXYPlot plot = new CombinedDomainXYPlot(batchAxis);
		plot.setGap(12);
		XYPlot upper = new XYPlot(top, null, new NumberAxis("images / s (wall clock)"), renderer(top.getSeriesCount(), true));
		NumberAxis percentAxis = new NumberAxis("% of one core's peak per CPU second");
		percentAxis.setRange(0, 100);
		XYPlot lower = new XYPlot(bottom, null, percentAxis, renderer(bottom.getSeriesCount(), false));
		for (XYPlot panel : List.of(upper, lower)) {
			panel.setBackgroundPaint(Color.WHITE);
			panel.setRangeGridlinePaint(Color.LIGHT_GRAY);
			panel.setDomainGridlinePaint(Color.LIGHT_GRAY);
		}
		plot.add(upper, 3);
		plot.add(lower, 2);
		JFreeChart chart = new JFreeChart("ResNet50 (8.18 GFLOP/image) on " + cores + " cores, by batch size and "
				+ "processes x callers x threads per call", new java.awt.Font("SansSerif", java.awt.Font.BOLD, 15),
				plot, false);
		chart.setBackgroundPaint(Color.WHITE);
		org.jfree.chart.title.LegendTitle legend = new org.jfree.chart.title.LegendTitle(upper);
		legend.setPosition(org.jfree.chart.ui.RectangleEdge.BOTTOM);
		chart.addSubtitle(legend);
		ChartUtils.saveChartAsPNG(file.toFile(), chart, 1200, 900);
	}

	private static XYLineAndShapeRenderer renderer(int series, boolean lastIsLimit) {
		Color[] colors = { new Color(0x1f77b4), new Color(0x2ca02c), new Color(0x17becf), new Color(0x9467bd),
				new Color(0xd62728), new Color(0xff7f0e), new Color(0xe377c2), new Color(0x8c564b),
				new Color(0xbcbd22), new Color(0x7f7f7f), new Color(0x000000) };
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
		for (int i = 0; i < series; i++) {
			renderer.setSeriesPaint(i, colors[i % colors.length]);
			renderer.setSeriesStroke(i, new BasicStroke(2f));
		}
		if (lastIsLimit) {
			renderer.setSeriesPaint(series - 1, Color.GRAY);
			renderer.setSeriesStroke(series - 1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
					10, new float[] { 6, 6 }, 0));
			renderer.setSeriesShapesVisible(series - 1, false);
		}
		return renderer;
	}

	/** Rows back from results.csv (for re-drawing a chart). */
	private static List<Row> fromCsv(List<String> lines) {
		List<Row> rows = new ArrayList<>();
		for (String line : lines.subList(1, lines.size())) {
			String[] f = line.split(",");
			String label = switch (f[0] + "/" + f[1] + "/" + f[2]) {
				case "dl4j/onednn/nhwc" -> "DL4J oneDNN";
				case "dl4j/onednn/nchw" -> "DL4J oneDNN NCHW";
				case "dl4j/onednn-avx512/nhwc" -> "DL4J oneDNN-AVX512";
				case "dl4j/plain/nhwc" -> "DL4J as shipped";
				default -> "ONNX Runtime";
			};
			Config config = new Config(label, f[0], f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]),
					Integer.parseInt(f[5]), BATCHES, 1, 1, "2g");
			rows.add(new Row(config, Integer.parseInt(f[6]), Double.parseDouble(f[7]), Double.parseDouble(f[8]),
					Double.parseDouble(f[9]), Double.parseDouble(f[10]), Long.parseLong(f[11]), Long.parseLong(f[12]),
					Double.parseDouble(f[13]), Double.parseDouble(f[14])));
		}
		return rows;
	}

	static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.findFirst()
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.orElse("?") + (Dl4jRuntime.cpuFlags().contains("avx512f") ? " (AVX-512)" : "");
		}
		catch (IOException ex) {
			return "?";
		}
	}

	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0];
		}
		catch (IOException ex) {
			return "?";
		}
	}

}
