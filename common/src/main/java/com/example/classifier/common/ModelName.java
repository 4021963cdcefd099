package com.example.classifier.common;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The name a model is routed by: what a request's {@code model} parameter says, what a worker serves
 * ({@code model.name}), and part of its queue's key ({@link RedisKeys#jobQueue(ModelName)}). Lower case, so the same
 * model is never two queues.
 *
 * @param value matches {@code [a-z0-9][a-z0-9._-]{0,63}}, and is none of the queue's own helper suffixes
 */
public record ModelName(String value) {

	private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

	/**
	 * The default model's queue key is the legacy {@code <prefix>:jobs}, and its helper keys are
	 * {@code <prefix>:jobs:enqueued} and {@code <prefix>:jobs:batch-ms}: a model of either name would share them.
	 */
	private static final Set<String> RESERVED = Set.of("enqueued", "batch-ms");

	/** The catalogue's default model, and {@code queue.default-model}'s default (after the checks it needs). */
	public static final ModelName RESNET50 = new ModelName("resnet50");

	public ModelName {
		if (!isValid(value)) {
			throw new IllegalArgumentException("'" + value + "' is not a model name: names are 1 to 64 of a-z, 0-9, "
					+ "'.', '_' and '-', starting with a letter or digit (and not 'enqueued' or 'batch-ms')");
		}
	}

	/** The name, trimmed and lower-cased. */
	public static ModelName of(String text) {
		return new ModelName((text != null) ? text.trim().toLowerCase(Locale.ROOT) : null);
	}

	public static boolean isValid(String value) {
		return value != null && VALID.matcher(value).matches() && !RESERVED.contains(value);
	}

	/**
	 * A route name made from free text (a model file's base name): lower-cased, every other character replaced by
	 * {@code -}, cut to 64 characters.
	 */
	public static ModelName sanitised(String text) {
		String name = text.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-").replaceAll("^[._-]+", "");
		name = name.substring(0, Math.min(64, name.length()));
		return isValid(name) ? new ModelName(name) : new ModelName("model-" + Integer.toHexString(text.hashCode()));
	}

	@Override
	public String toString() {
		return this.value;
	}

}
