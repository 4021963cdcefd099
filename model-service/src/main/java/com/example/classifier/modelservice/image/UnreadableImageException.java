package com.example.classifier.modelservice.image;

/** The bytes of a job are not an image this worker can decode; retrying will not help. */
public class UnreadableImageException extends Exception {

	public UnreadableImageException(String message) {
		super(message);
	}

	public UnreadableImageException(String message, Throwable cause) {
		super(message, cause);
	}

}
