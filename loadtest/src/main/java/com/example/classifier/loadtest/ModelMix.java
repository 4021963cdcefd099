package com.example.classifier.loadtest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which model each upload asks for (issue #18): {@code resnet50=0.7,mobilenetv2=0.3} sends 70 % of the uploads with
 * {@code model=resnet50} and 30 % with {@code model=mobilenetv2}. Weights are relative ({@code a=7,b=3} is the same
 * mix) and a bare name weighs 1. The empty mix sends no model field at all: every upload goes to the default model,
 * as before several models.
 *
 * @param shares the models in the order given, each with its share of the uploads (summing to 1)
 */
public record ModelMix(List<Share> shares) {

	/** The model names the services accept (the multi-model contract): lower case, digits, '.', '_', '-'. */
	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

	public static final ModelMix NONE = new ModelMix(List.of());

	public ModelMix {
		shares = List.copyOf(shares);
	}

	/** Parses a mix, or throws IllegalArgumentException saying which entry is wrong. Null or blank: {@link #NONE}. */
	public static ModelMix parse(String text) {
		if (text == null || text.isBlank()) {
			return NONE;
		}
		List<String> names = new ArrayList<>();
		List<Double> weights = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (String entry : text.split(",")) {
			String[] parts = entry.strip().split("=", 2);
			String name = parts[0].strip();
			if (!NAME.matcher(name).matches()) {
				throw new IllegalArgumentException("model mix entry '" + entry.strip()
						+ "': not a model name (lower case letters, digits, '.', '_', '-'; at most 64)");
			}
			if (!seen.add(name)) {
				throw new IllegalArgumentException("model mix names " + name + " twice");
			}
			double weight = (parts.length == 1) ? 1 : weight(entry.strip(), parts[1].strip());
			names.add(name);
			weights.add(weight);
		}
		double total = weights.stream().mapToDouble(Double::doubleValue).sum();
		List<Share> shares = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			shares.add(new Share(names.get(i), weights.get(i) / total));
		}
		return new ModelMix(shares);
	}

	private static double weight(String entry, String text) {
		double weight;
		try {
			weight = Double.parseDouble(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("model mix entry '" + entry + "': the weight is not a number", ex);
		}
		if (!(weight > 0) || Double.isInfinite(weight)) {
			throw new IllegalArgumentException("model mix entry '" + entry + "': the weight must be above 0");
		}
		return weight;
	}

	public boolean isEmpty() {
		return this.shares.isEmpty();
	}

	/**
	 * The model of one upload, for a uniform random number in [0, 1): each model over its share of the interval.
	 * Null for the empty mix (no model field).
	 */
	public String pick(double uniform) {
		double upTo = 0;
		for (Share share : this.shares) {
			upTo += share.fraction();
			if (uniform < upTo) {
				return share.model();
			}
		}
		// Rounding: the shares may sum to 0.999…; the last model takes the rest.
		return this.shares.isEmpty() ? null : this.shares.get(this.shares.size() - 1).model();
	}

	@Override
	public String toString() {
		return String.join(",", this.shares.stream().map((s) -> s.model() + "=" + s.fraction()).toList());
	}

	/** One model of the mix and the fraction of uploads that ask for it. */
	public record Share(String model, double fraction) {
	}

}
