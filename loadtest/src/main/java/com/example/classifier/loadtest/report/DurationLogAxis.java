package com.example.classifier.loadtest.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A vertical log axis for durations with ticks at 1, 2 and 5 times a power of ten, labelled "50 ms", "2 s": response
 * times here span 20 ms to a minute, where JFreeChart's own log ticks give one label or fractions like 6.31.
 */
final class DurationLogAxis extends LogAxis {

	private final double unitMillis;

	/** @param unitMillis how many milliseconds one unit of the data is (1 for ms, 1000 for seconds) */
	DurationLogAxis(String label, double unitMillis) {
		super(label);
		this.unitMillis = unitMillis;
		setSmallestValue(1 / unitMillis);
	}

	@Override
	@SuppressWarnings({ "rawtypes", "unchecked" })
	protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
		List ticks = new ArrayList();
		double low = getLowerBound();
		double high = getUpperBound();
		for (double decade = Math.pow(10, Math.floor(Math.log10(low))); decade <= high; decade *= 10) {
			for (int step : new int[] { 1, 2, 5 }) {
				double value = decade * step;
				if (value >= low && value <= high) {
					ticks.add(new NumberTick(value, label(value * this.unitMillis), TextAnchor.CENTER_RIGHT,
							TextAnchor.CENTER, 0.0));
				}
			}
		}
		return ticks;
	}

	static String label(double millis) {
		if (millis < 1000) {
			return String.format(java.util.Locale.ROOT, "%s ms", trim(millis));
		}
		return String.format(java.util.Locale.ROOT, "%s s", trim(millis / 1000));
	}

	private static String trim(double value) {
		return (value == Math.rint(value)) ? Long.toString((long) value) : Double.toString(value);
	}

}
