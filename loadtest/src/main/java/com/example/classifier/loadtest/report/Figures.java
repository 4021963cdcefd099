package com.example.classifier.loadtest.report;

import java.util.Locale;

/** How the report writes numbers: readable, never "NaN". */
final class Figures {

	private Figures() {
	}

	/** Milliseconds as the seed wrote them: "150 ms", "5.4 s", "213 s". */
	static String millis(double ms) {
		if (Double.isNaN(ms)) {
			return "–";
		}
		if (ms < 1000) {
			return String.format(Locale.ROOT, "%.0f ms", ms);
		}
		if (ms < 10_000) {
			return String.format(Locale.ROOT, "%.1f s", ms / 1000);
		}
		return String.format(Locale.ROOT, "%,.0f s", ms / 1000);
	}

	/** The seed's figure in milliseconds, as text, or its own words when it gave no number. */
	static String seedMillis(String seed) {
		double ms = ScenarioRow.number(seed);
		return Double.isNaN(ms) ? seed : millis(ms);
	}

	static String rate(double perSecond) {
		if (Double.isNaN(perSecond)) {
			return "–";
		}
		return String.format(Locale.ROOT, (perSecond < 10) ? "%.2f" : "%.1f", perSecond);
	}

	static String percent(double fraction) {
		if (Double.isNaN(fraction)) {
			return "–";
		}
		return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
	}

	static String number(double value, int decimals) {
		if (Double.isNaN(value)) {
			return "–";
		}
		return String.format(Locale.ROOT, "%,." + decimals + "f", value);
	}

	/** "x times" a ratio, or "about the same" near 1. */
	static String times(double ratio) {
		if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
			return "–";
		}
		return String.format(Locale.ROOT, (ratio < 10) ? "%.1f×" : "%,.0f×", ratio);
	}

}
