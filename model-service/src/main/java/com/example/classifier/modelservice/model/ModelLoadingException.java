package com.example.classifier.modelservice.model;

/**
 * The configured model cannot be loaded. Thrown while the application starts, so the worker refuses to run rather
 * than answering with a wrong or missing model; the message says which setting to fix.
 */
public class ModelLoadingException extends RuntimeException {

	public ModelLoadingException(String message) {
		super(message);
	}

	public ModelLoadingException(String message, Throwable cause) {
		super(message, cause);
	}

}
