package com.example.classifier.api.queue;

/**
 * What admission needs to know of an upload's body while it is read: whether bytes still arrive, and a way to stop
 * it. A place in the queue is held only while data flows.
 */
public interface BodyProgress {

	/** Request attribute under which a request's body progress is found (when its body is watched). */
	String ATTRIBUTE = BodyProgress.class.getName();

	/** Progress of a body nobody watches (tests, other callers): never stalled. */
	BodyProgress NONE = new BodyProgress() {
		@Override
		public long stalledNanos(long now) {
			return 0;
		}

		@Override
		public void cutOff() {
		}
	};

	/**
	 * How long, at {@code now} ({@link System#nanoTime()}), the body has waited for its next bytes; 0 once it has
	 * been read whole.
	 */
	long stalledNanos(long now);

	/**
	 * When the body's last byte was read ({@link System#nanoTime()}), or 0 while it is not read whole: what of a
	 * request's time was its upload's, and what the service's.
	 */
	default long readWholeAt() {
		return 0;
	}

	/** Makes the body's next read fail (the sender gets 408 and its connection is closed). */
	void cutOff();

}
