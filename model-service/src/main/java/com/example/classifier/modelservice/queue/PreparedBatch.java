package com.example.classifier.modelservice.queue;

import java.util.List;

import com.example.classifier.modelservice.image.PreparedImage;


/** Jobs whose images are decoded and normalised, ready for one engine call; {@code inputs.get(i)} is job i's. */
record PreparedBatch(List<TakenJob> jobs, List<PreparedImage> inputs) {

	boolean isEmpty() {
		return this.jobs.isEmpty();
	}

}
