package com.example.classifier.api.queue;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A place in the queue taken for an upload that is still being read. Released once, when the upload is queued or
 * has failed; releasing again does nothing, so every way out of a request may release it.
 */
public final class UploadPlace {

	private final Admission admission;

	private final AtomicBoolean released = new AtomicBoolean();

	UploadPlace(Admission admission) {
		this.admission = admission;
	}

	public void release() {
		if (this.released.compareAndSet(false, true)) {
			this.admission.releaseUpload();
		}
	}

}
