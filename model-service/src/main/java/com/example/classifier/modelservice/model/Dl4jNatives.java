package com.example.classifier.modelservice.model;

/**
 * Which build of ND4J's native library the DL4J engine loads (a JavaCPP "platform extension"). Binds
 * case-insensitively with dashes ({@code MODEL_DL4J_NATIVES=onednn-avx512}).
 */
public enum Dl4jNatives {

	/** The fastest oneDNN build on the class path that this CPU can run (checked against /proc/cpuinfo). */
	AUTO(null),

	/** oneDNN, built for any x86-64 CPU; oneDNN still picks AVX2/AVX-512 kernels at run time. */
	ONEDNN("-onednn"),

	/** oneDNN, ND4J's own code compiled for AVX2. */
	ONEDNN_AVX2("-onednn-avx2"),

	/** oneDNN, ND4J's own code compiled for AVX-512 (Skylake-X and later). */
	ONEDNN_AVX512("-onednn-avx512"),

	/** DL4J as shipped: the generic build without oneDNN, DL4J's layer helpers off (slow; for comparison). */
	PLAIN("");

	private final String extension;

	Dl4jNatives(String extension) {
		this.extension = extension;
	}

	/** The JavaCPP platform extension, {@code ""} for the plain build; {@code null} for {@link #AUTO}. */
	String extension() {
		return this.extension;
	}

	boolean oneDnn() {
		return this != PLAIN;
	}

}
