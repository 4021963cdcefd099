package com.example.classifier.api.upload;

import org.springframework.http.HttpStatus;

/** An upload that is not a usable image; carries the status and a message meant for the person who sent it. */
public class UploadRejectedException extends RuntimeException {

	private final HttpStatus status;

	public UploadRejectedException(HttpStatus status, String message) {
		super(message);
		this.status = status;
	}

	public HttpStatus status() {
		return this.status;
	}

}
