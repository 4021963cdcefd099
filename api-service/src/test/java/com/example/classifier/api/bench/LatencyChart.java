package com.example.classifier.api.bench;

import java.awt.Color;
import java.awt.Font;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws where a batch-1 request's time goes, one bar per {@link EndToEndBenchmark} run, from the "batch-1 stages" and
 * "batch-1 latency" lines the benchmark printed. Run:
 * {@code java -cp <api-service test class path> com.example.classifier.api.bench.LatencyChart out.png
 * "ONNX Runtime, 1 thread=run1.log" "DL4J, 2 threads=run2.log" ...}
 */
public final class LatencyChart {

	private static final Pattern STAGES = Pattern.compile("batch-1 stages .*?end to end ([\\d.]+) ms = HTTP, multipart"
			+ " and the api's own steps ([\\d.]+) .*? \\+ queue, Redis and hand-offs in the worker ([\\d.]+) \\+ preparation"
			+ " \\(decode, resize, normalise\\) ([\\d.]+) \\+ engine ([\\d.]+)");

	private static final Pattern RATIO = Pattern
		.compile("batch-1 latency, socket client .*?ratio ([\\d.]+) \\(median of the per-request ratios ([\\d.]+)\\)");

	private LatencyChart() {
	}

	public static void main(String[] args) throws Exception {
		DefaultCategoryDataset data = new DefaultCategoryDataset();
		for (int i = 1; i < args.length; i++) {
			String label = args[i].substring(0, args[i].lastIndexOf('='));
			String log = Files.readString(Path.of(args[i].substring(args[i].lastIndexOf('=') + 1)));
			Matcher stages = find(STAGES, log);
			Matcher ratio = find(RATIO, log);
			String row = "%s: ×%s".formatted(label, ratio.group(2));
			data.addValue(Double.parseDouble(stages.group(5)), "engine", row);
			data.addValue(Double.parseDouble(stages.group(4)), "decode, resize, normalise", row);
			data.addValue(Double.parseDouble(stages.group(3)), "Redis and hand-offs in the worker", row);
			data.addValue(Double.parseDouble(stages.group(2)), "HTTP, multipart, api", row);
		}
		CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(null),
				new NumberAxis("mean ms per request, one at a time (×: end to end / engine, median per request)"),
				new StackedBarRenderer());
		plot.setOrientation(PlotOrientation.HORIZONTAL);
		plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_LEFT);
		StackedBarRenderer renderer = (StackedBarRenderer) plot.getRenderer();
		Color[] colours = { new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868), new Color(0xC44E52) };
		for (int i = 0; i < colours.length; i++) {
			renderer.setSeriesPaint(i, colours[i]);
		}
		renderer.setShadowVisible(false);
		renderer.setBarPainter(new StandardBarPainter());
		plot.setBackgroundPaint(Color.WHITE);
		plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
		plot.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
		JFreeChart chart = new JFreeChart("Batch-1 latency: where one request's time goes", JFreeChart.DEFAULT_TITLE_FONT,
				plot, true);
		chart.setBackgroundPaint(Color.WHITE);
		ChartUtils.saveChartAsPNG(Path.of(args[0]).toFile(), chart, 1100, 120 + 90 * (args.length - 1));
	}

	private static Matcher find(Pattern pattern, String log) {
		Matcher matcher = pattern.matcher(log);
		if (!matcher.find()) {
			throw new IllegalArgumentException("No line matching " + pattern.pattern());
		}
		return matcher;
	}

}
