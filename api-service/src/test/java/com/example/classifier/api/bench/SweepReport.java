package com.example.classifier.api.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The open-loop sweeps of one run as a CSV (one row per set and step) and a chart: one panel per photo set over the
 * offered load as a share of that set's measured capacity, goodput (same scale) and refusals on the left axis,
 * p50/p99 of accepted requests on a logarithmic right axis, the knee marked.
 */
final class SweepReport {

	private SweepReport() {
	}

	static String csv(Map<PhotoSet.Kind, List<StepStats>> sweeps, double p99LimitMs) {
		StringBuilder csv = new StringBuilder("set,percent_of_capacity,rate_per_s,offered_per_s,sent,ok,refused_503,"
				+ "other_failures,goodput_per_s,p50_ms,p99_ms,knee\n");
		sweeps.forEach((kind, steps) -> {
			OptionalInt knee = Knee.of(steps, p99LimitMs);
			for (int i = 0; i < steps.size(); i++) {
				StepStats s = steps.get(i);
				csv.append(String.format(Locale.ROOT, "%s,%d,%.3f,%.3f,%d,%d,%d,%d,%.3f,%.1f,%.1f,%s%n",
						kind.name().toLowerCase(Locale.ROOT), s.percent(), s.ratePerSecond(), s.offeredPerSecond(),
						s.sent(), s.ok(), s.refused(), s.failed(), s.goodputPerSecond(), s.p50Ms(), s.p99Ms(),
						knee.isPresent() && knee.getAsInt() == i));
			}
		});
		return csv.toString();
	}

	static void chart(Map<PhotoSet.Kind, List<StepStats>> sweeps, double p99LimitMs, String title, Path png)
			throws IOException {
		NumberAxis load = new NumberAxis("offered load, % of the measured closed-loop capacity (Poisson arrivals)");
		load.setRange(0, 160);
		CombinedDomainXYPlot plot = new CombinedDomainXYPlot(load);
		plot.setGap(14);
		sweeps.forEach((kind, steps) -> plot.add(panel(kind, steps, p99LimitMs), 1));
		JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, false);
		chart.setBackgroundPaint(Color.WHITE);
		// Every panel draws the same series: one legend, from the first.
		LegendTitle legend = new LegendTitle((XYPlot) plot.getSubplots().get(0));
		legend.setPosition(RectangleEdge.BOTTOM);
		chart.addSubtitle(legend);
		Files.createDirectories(png.toAbsolutePath().getParent());
		ChartUtils.saveChartAsPNG(png.toFile(), chart, 1100, 300 + 330 * sweeps.size());
	}

	private static XYPlot panel(PhotoSet.Kind kind, List<StepStats> steps, double p99LimitMs) {
		double capacity = steps.get(0).ratePerSecond() * 100 / steps.get(0).percent();
		XYSeries offered = new XYSeries("offered (% of capacity)");
		XYSeries goodput = new XYSeries("goodput: predictions/s (% of capacity)");
		XYSeries refused = new XYSeries("refused 503/s (% of capacity)");
		XYSeries failed = new XYSeries("other failures/s (% of capacity)");
		XYSeries p50 = new XYSeries("accepted p50 (ms, right)");
		XYSeries p99 = new XYSeries("accepted p99 (ms, right)");
		for (StepStats step : steps) {
			offered.add(step.percent(), 100 * step.offeredPerSecond() / capacity);
			goodput.add(step.percent(), 100 * step.goodputPerSecond() / capacity);
			refused.add(step.percent(), 100 * step.refused() / step.seconds() / capacity);
			failed.add(step.percent(), 100 * step.failed() / step.seconds() / capacity);
			if (step.ok() > 0) {
				p50.add(step.percent(), step.p50Ms());
				p99.add(step.percent(), step.p99Ms());
			}
		}
		XYSeriesCollection rates = new XYSeriesCollection();
		List.of(offered, goodput, refused, failed).forEach(rates::addSeries);
		XYSeriesCollection latency = new XYSeriesCollection();
		List.of(p50, p99).forEach(latency::addSeries);
		NumberAxis rateAxis = new NumberAxis(String.format(Locale.ROOT, "%s photos: %% of %.1f img/s", kind
			.name()
			.toLowerCase(Locale.ROOT), capacity));
		rateAxis.setRange(0, 160);
		XYPlot panel = new XYPlot(rates, null, rateAxis,
				renderer(new Color(0x7f7f7f), new Color(0x2ca02c), new Color(0xd62728), new Color(0x000000)));
		LogarithmicAxis msAxis = new LogarithmicAxis("accepted latency, ms");
		panel.setRangeAxis(1, msAxis);
		panel.setDataset(1, latency);
		panel.mapDatasetToRangeAxis(1, 1);
		panel.setRenderer(1, renderer(new Color(0x1f77b4), new Color(0x9467bd)));
		panel.setBackgroundPaint(Color.WHITE);
		panel.setRangeGridlinePaint(Color.LIGHT_GRAY);
		panel.setDomainGridlinePaint(Color.LIGHT_GRAY);
		ValueMarker limit = new ValueMarker(p99LimitMs, Color.GRAY, new BasicStroke(1f));
		limit.setLabel("latency target (knee's p99 limit)");
		limit.setLabelAnchor(RectangleAnchor.TOP_LEFT);
		limit.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
		panel.addRangeMarker(1, limit, Layer.BACKGROUND);
		OptionalInt knee = Knee.of(steps, p99LimitMs);
		if (knee.isPresent()) {
			ValueMarker marker = new ValueMarker(steps.get(knee.getAsInt()).percent(), Color.BLACK,
					new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] { 5, 5 }, 0));
			marker.setLabel("knee");
			marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
			marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
			panel.addDomainMarker(marker);
		}
		return panel;
	}

	private static XYLineAndShapeRenderer renderer(Color... colours) {
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
		for (int i = 0; i < colours.length; i++) {
			renderer.setSeriesPaint(i, colours[i]);
			renderer.setSeriesStroke(i, new BasicStroke(2f));
		}
		return renderer;
	}

}
