package com.example.classifier.modelservice.model.rewrite;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the passes changed in one graph, for the parameter copy and the startup log. */
final class Rewrites {

	/** Convolution vertex -> the batch normalisation vertex folded into it (whose statistics scale its weights). */
	final Map<String, String> batchNorms = new LinkedHashMap<>();

	int activations;

	int paddings;

	int dropouts;

	int identities;

	int verticesBefore;

	int verticesAfter;

	boolean changed() {
		return !this.batchNorms.isEmpty() || this.activations + this.paddings + this.dropouts + this.identities > 0;
	}

	@Override
	public String toString() {
		return this.batchNorms.size() + " batch normalisation(s) folded into their convolution, " + this.activations
				+ " activation layer(s) into their convolution, " + this.paddings
				+ " zero padding(s) into the next convolution's padding; " + this.dropouts + " dropout and "
				+ this.identities + " identity layer(s) dropped; " + this.verticesBefore + " -> " + this.verticesAfter
				+ " vertices";
	}

}
