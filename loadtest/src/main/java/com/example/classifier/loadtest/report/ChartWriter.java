package com.example.classifier.loadtest.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the report's PNG charts with JFreeChart: one per test (the seed's three Locust charts — total requests/s,
 * response times, users — plus what the services did) and one summary of every test beside the seed's figures.
 */
final class ChartWriter {

	private static final Color[] COLORS = { new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xd62728),
			new Color(0xff7f0e), new Color(0x9467bd), new Color(0x7f7f7f) };

	private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);

	/** One chart of five panels sharing the time axis; dashed lines mark "all users started" and "end of hold". */
	void writeTest(TestRun run, String title, Path png) {
		TimeSeriesData data = new TimeSeriesData(run);
		NumberAxis time = new NumberAxis("seconds since the first user started");
		CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
		plot.setGap(8);

		plot.add(panel(new NumberAxis("requests/s"),
				data.requestsPerSecond("all requests", (r) -> true),
				data.requestsPerSecond("successful", RequestRecord::ok),
				data.requestsPerSecond("failed", (r) -> !r.ok()),
				data.rate("images/s through the model (5 s)", "images")), 3);
		DurationLogAxis millis = new DurationLogAxis("response time (log)", 1);
		plot.add(panel(millis,
				data.responsePercentile("median", 50),
				data.responsePercentile("95th percentile", 95)), 3);
		plot.add(panel(new NumberAxis("users / jobs"),
				data.gauge("users", "users", 1),
				data.gauge("jobs in the queue", "queue_depth", 1),
				data.gauge("requests waiting", "requests_waiting", 1)), 2);
		plot.add(panel(new NumberAxis("images per batch"), data.meanBatchSize("mean batch size (5 s)")), 1);
		NumberAxis cpu = new NumberAxis("CPU, % of machine");
		cpu.setRange(0, 100);
		plot.add(panel(cpu,
				data.gauge("model-services", "model_cpu", 100),
				data.gauge("api-services", "api_cpu", 100),
				data.gauge("load generator", "loadgen_cpu", 100),
				data.otherCpu("rest (Redis, OS, other users)")), 2);

		double rampEnd = data.seconds(TestStats.holdStart(run));
		double holdEnd = data.seconds(run.endMs());
		boolean first = true;
		for (Object sub : plot.getSubplots()) {
			XYPlot subplot = (XYPlot) sub;
			subplot.addDomainMarker(marker(rampEnd, first ? "all users started" : null));
			subplot.addDomainMarker(marker(holdEnd, first ? "users stop" : null));
			first = false;
		}
		// One legend per panel, inside it: a single legend under five panels that reuse colours would be unreadable.
		JFreeChart chart = new JFreeChart(title, TITLE, plot, false);
		chart.setBackgroundPaint(Color.WHITE);
		save(chart, png, 1000, 1250);
	}

	/** Average requests/s and median response time of every test: ours beside the seed's. */
	void writeSummary(List<ScenarioRow> rows, List<TestStats> stats, Path png) {
		DefaultCategoryDataset rps = new DefaultCategoryDataset();
		DefaultCategoryDataset median = new DefaultCategoryDataset();
		for (int i = 0; i < rows.size(); i++) {
			ScenarioRow row = rows.get(i);
			TestStats s = stats.get(i);
			if (s == null) {
				continue;
			}
			String test = "#" + row.id() + " " + row.users() + "u";
			rps.addValue(ScenarioRow.number(row.seedRps()), "seed: requests/s", test);
			rps.addValue(s.averageRps(), "ours: requests/s", test);
			rps.addValue(s.predictionsPerSecond(), "ours: successful predictions/s", test);
			median.addValue(ScenarioRow.number(row.seedMedianMs()) / 1000, "seed", test);
			median.addValue(s.medianMs() / 1000, "ours", test);
		}
		JFreeChart left = bars("Average requests/s (higher is better)", new NumberAxis("per second"), rps);
		DurationLogAxis seconds = new DurationLogAxis("median response time (log)", 1000);
		// Bars grow from the axis' lower end: start it just below the shortest median, not at 1 ms.
		double shortest = Double.MAX_VALUE;
		double longest = 0;
		for (int r = 0; r < median.getRowCount(); r++) {
			for (int c = 0; c < median.getColumnCount(); c++) {
				Number v = median.getValue(r, c);
				if (v != null && !Double.isNaN(v.doubleValue()) && v.doubleValue() > 0) {
					shortest = Math.min(shortest, v.doubleValue());
					longest = Math.max(longest, v.doubleValue());
				}
			}
		}
		if (longest > 0) {
			seconds.setRange(shortest / 3, longest * 2);
		}
		JFreeChart right = bars("Median response time (lower is better)", seconds, median);
		BufferedImage image = new BufferedImage(1400, 560, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		left.draw(g, new Rectangle2D.Double(0, 0, 700, 560));
		right.draw(g, new Rectangle2D.Double(700, 0, 700, 560));
		g.dispose();
		write(image, png);
	}

	private static JFreeChart bars(String title, ValueAxis axis, DefaultCategoryDataset data) {
		CategoryAxis tests = new CategoryAxis("test, users");
		tests.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
		BarRenderer renderer = new BarRenderer();
		renderer.setBarPainter(new StandardBarPainter());
		renderer.setShadowVisible(false);
		renderer.setItemMargin(0.05);
		for (int i = 0; i < data.getRowCount(); i++) {
			renderer.setSeriesPaint(i, COLORS[i == 0 ? 5 : i - 1]);
		}
		CategoryPlot plot = new CategoryPlot(data, tests, axis, renderer);
		plot.setBackgroundPaint(Color.WHITE);
		plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
		JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
		chart.setBackgroundPaint(Color.WHITE);
		return chart;
	}

	private static XYPlot panel(ValueAxis axis, XYSeries... series) {
		XYSeriesCollection dataset = new XYSeriesCollection();
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
		for (int i = 0; i < series.length; i++) {
			dataset.addSeries(series[i]);
			renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
			renderer.setSeriesStroke(i, new BasicStroke(1.6f));
		}
		XYPlot plot = new XYPlot(dataset, null, axis, renderer);
		plot.setBackgroundPaint(Color.WHITE);
		plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
		plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
		LegendTitle legend = new LegendTitle(plot);
		legend.setBackgroundPaint(new Color(255, 255, 255, 210));
		legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		legend.setFrame(new BlockBorder(Color.LIGHT_GRAY));
		plot.addAnnotation(new XYTitleAnnotation(0.995, 0.98, legend, RectangleAnchor.TOP_RIGHT));
		return plot;
	}

	private static ValueMarker marker(double x, String label) {
		ValueMarker marker = new ValueMarker(x, Color.GRAY,
				new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] { 4f, 4f }, 0f));
		if (label == null) {
			return marker;
		}
		marker.setLabel(label);
		marker.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
		marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
		return marker;
	}

	private static void save(JFreeChart chart, Path png, int width, int height) {
		write(chart.createBufferedImage(width, height), png);
	}

	private static void write(BufferedImage image, Path png) {
		try {
			Files.createDirectories(png.toAbsolutePath().getParent());
			ImageIO.write(image, "png", png.toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + png, ex);
		}
	}

}
