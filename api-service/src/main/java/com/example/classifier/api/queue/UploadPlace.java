package com.example.classifier.api.queue;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A place in the queue taken for an upload that is still being read. Released once, when the upload is queued or
 * has failed, or taken from it when it stalled while another upload needed the place; releasing again does nothing,
 * so every way out of a request may release it.
 */
public final class UploadPlace {

	private final Admission admission;

	private volatile BodyProgress progress = BodyProgress.NONE;

	private final AtomicBoolean released = new AtomicBoolean();

	UploadPlace(Admission admission) {
		this.admission = admission;
	}

	/** Names the body whose bytes keep this place: once it stalls, another upload may take the place. */
	public void watch(BodyProgress body) {
		this.progress = body;
	}

	public void release() {
		if (this.released.compareAndSet(false, true)) {
			this.admission.releaseUpload(this);
		}
	}

	/** Takes the place from a stalled upload: its body's next read fails. False when it was released meanwhile. */
	boolean reclaim() {
		if (!this.released.compareAndSet(false, true)) {
			return false;
		}
		this.progress.cutOff();
		this.admission.releaseUpload(this);
		return true;
	}

	BodyProgress progress() {
		return this.progress;
	}

}
