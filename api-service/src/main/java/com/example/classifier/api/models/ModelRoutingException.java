package com.example.classifier.api.models;

import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A request's {@code model} cannot be served: 400 for a name that is not a model's, 503 (with Retry-After) for a
 * model whose workers are all down. Either way the answer lists the models that are live, so the caller can choose.
 */
public class ModelRoutingException extends RuntimeException {

	/** How soon a model whose workers are down may be back: a restarted worker announces itself within seconds. */
	private static final Duration RETRY_DOWN_MODEL = Duration.ofSeconds(10);

	private final HttpStatus status;

	private final List<String> liveModels;

	private ModelRoutingException(HttpStatus status, String message, List<String> liveModels) {
		super(message);
		this.status = status;
		this.liveModels = List.copyOf(liveModels);
	}

	static ModelRoutingException invalid(String requested, String why, List<String> live) {
		return new ModelRoutingException(HttpStatus.BAD_REQUEST,
				"'" + requested + "' is not a model name: " + why + ". Live models: " + live + ".", live);
	}

	static ModelRoutingException unknown(String requested, List<String> live) {
		return new ModelRoutingException(HttpStatus.BAD_REQUEST,
				"There is no model '" + requested + "'. Live models: " + live + " (GET /models lists them).", live);
	}

	static ModelRoutingException down(String requested, List<String> live) {
		return new ModelRoutingException(HttpStatus.SERVICE_UNAVAILABLE,
				"The model '" + requested + "' has no live worker right now; please retry shortly, or choose one of the "
						+ "live models: " + live + ".", live);
	}

	public HttpStatus status() {
		return this.status;
	}

	public List<String> liveModels() {
		return this.liveModels;
	}

	/** For a 503: when to try again. */
	public Duration retryAfter() {
		return RETRY_DOWN_MODEL;
	}

}
