package com.example.classifier.common.image;

/** Bytes this service will not decode, with a message meant for the person who sent them. */
public class ImageRefusedException extends Exception {

	/** Why, coarsely: the api answers each with its own HTTP status. */
	public enum Reason {

		/** Nothing was sent. */
		EMPTY,
		/** Not any image format. */
		NOT_AN_IMAGE,
		/** An image, in a format (or a variant of one) this service does not decode. */
		UNSUPPORTED,
		/** Truncated, or its structure does not hold together. */
		DAMAGED,
		/** Beyond the {@link ImageLimits}. */
		TOO_LARGE

	}

	private final Reason reason;

	public ImageRefusedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

}
