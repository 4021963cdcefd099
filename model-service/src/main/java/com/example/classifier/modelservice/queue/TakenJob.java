package com.example.classifier.modelservice.queue;

import com.example.classifier.common.ClassificationJob;

/**
 * A job this worker moved into its processing list; {@code raw} is the exact list element, needed to remove it once
 * answered. {@code job} is null when the element could not be read; its image is attached once fetched.
 */
record TakenJob(byte[] raw, ClassificationJob job) {
}
