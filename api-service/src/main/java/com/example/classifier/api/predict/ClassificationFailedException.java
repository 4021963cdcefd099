package com.example.classifier.api.predict;

import org.springframework.http.HttpStatus;

/** The job was accepted but produced no classification; the status says why (422, 503 or 504). */
public class ClassificationFailedException extends RuntimeException {

	private final HttpStatus status;

	public ClassificationFailedException(HttpStatus status, String message) {
		super(message);
		this.status = status;
	}

	public HttpStatus status() {
		return this.status;
	}

}
