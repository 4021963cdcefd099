package com.example.classifier.modelservice.queue;

import com.example.classifier.common.ClassificationJob;

/**
 * A job this worker moved into its processing list; {@code raw} is the exact list element, needed to remove it once
 * answered.
 */
record TakenJob(String raw, ClassificationJob job) {
}
