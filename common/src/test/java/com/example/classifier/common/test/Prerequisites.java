package com.example.classifier.common.test;

import java.util.function.Supplier;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (a browser, a built jar, a benchmark model). Missing, it fails the test: a
 * green build must mean every test ran. Only {@code -Dtests.allow-skips=true}, for local runs, turns it into a skip.
 */
public final class Prerequisites {

	/** The one switch that lets a missing prerequisite skip a test instead of failing it. */
	public static final String ALLOW_SKIPS = "tests.allow-skips";

	private Prerequisites() {
	}

	public static void require(boolean present, Supplier<String> what) {
		if (present) {
			return;
		}
		if (skipsAllowed()) {
			Assumptions.abort(what.get() + " (skipped: -D" + ALLOW_SKIPS + "=true)");
		}
		throw new AssertionError(what.get() + "; install it, or run with -D" + ALLOW_SKIPS
				+ "=true to skip such tests locally");
	}

	static boolean skipsAllowed() {
		return Boolean.getBoolean(ALLOW_SKIPS);
	}

}
