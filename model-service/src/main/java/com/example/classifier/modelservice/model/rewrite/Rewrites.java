package com.example.classifier.modelservice.model.rewrite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

	/** Only what happened, e.g. "53 batch normalisations and 33 activation layers folded into convolutions, ...". */
	@Override
	public String toString() {
		List<String> folded = new ArrayList<>();
		add(folded, this.batchNorms.size(), "batch normalisation");
		add(folded, this.activations, "activation layer");
		add(folded, this.paddings, "zero padding");
		List<String> dropped = new ArrayList<>();
		add(dropped, this.dropouts, "dropout layer");
		add(dropped, this.identities, "identity activation layer");
		StringBuilder text = new StringBuilder();
		if (!folded.isEmpty()) {
			text.append(String.join(", ", folded)).append(" folded into convolutions; ");
		}
		if (!dropped.isEmpty()) {
			text.append(String.join(", ", dropped)).append(" dropped; ");
		}
		return text.append(this.verticesBefore).append(" -> ").append(this.verticesAfter).append(" vertices").toString();
	}

	private static void add(List<String> parts, int count, String what) {
		if (count > 0) {
			parts.add(count + " " + what + ((count > 1) ? "s" : ""));
		}
	}

}
