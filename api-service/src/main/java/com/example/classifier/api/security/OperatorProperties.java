package com.example.classifier.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read operator data (the feedback reports and their photos' names, metrics, health details).
 *
 * @param token the operator's token (env {@code OPERATOR_TOKEN}), sent as {@code Authorization: Bearer <token>};
 * unset or blank turns the operator endpoints off (404), so a deployment that forgot it exposes nothing
 */
@ConfigurationProperties("operator")
record OperatorProperties(String token) {

	/** Shorter tokens are refused at start-up: a guessable token would make the whole gate decoration. */
	static final int MIN_LENGTH = 16;

	OperatorProperties {
		// OPERATOR_TOKEN= in an .env file or an empty Secret means "none", not "the empty token".
		token = (token == null || token.isBlank()) ? null : token.strip();
		if (token != null && token.length() < MIN_LENGTH) {
			throw new IllegalArgumentException(
					"operator.token must be at least " + MIN_LENGTH + " characters (e.g. openssl rand -hex 32)");
		}
	}

	boolean enabled() {
		return this.token != null;
	}

	/** Never the token itself: this record may end up in a log line or a bind error. */
	@Override
	public String toString() {
		return "OperatorProperties[token=" + (enabled() ? "(set)" : "(unset)") + "]";
	}

}
