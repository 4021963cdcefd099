package com.example.classifier.modelservice.model;

/**
 * For tests outside this package that run DL4J networks: sets ND4J up as the service does (oneDNN build and helpers,
 * two OpenMP threads) before anything loads it. Without it DL4J's convolutions run several times slower.
 */
public final class Dl4jTestRuntime {

	private Dl4jTestRuntime() {
	}

	public static void configure() {
		Dl4jRuntime.configure(Dl4jNatives.AUTO, 2, null);
	}

}
