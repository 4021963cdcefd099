package com.example.classifier.modelservice.queue;

import com.example.classifier.common.ClassificationJob;

/**
 * A job this worker moved into its processing list; {@code raw} is the exact list element, needed to remove it once
 * answered. {@code job} is null when the element could not be read; its image is attached once fetched.
 * {@code inputs} are its image and cached answer when they were fetched together with the job, else null.
 */
record TakenJob(byte[] raw, ClassificationJob job, JobInputs.Input inputs) {

	TakenJob(byte[] raw, ClassificationJob job) {
		this(raw, job, null);
	}

	TakenJob withInputs(JobInputs.Input inputs) {
		return new TakenJob(this.raw, this.job, inputs);
	}

}
