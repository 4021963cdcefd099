package com.example.classifier.common;

/**
 * One ranked class of a classification.
 *
 * @param index class index in the model's output (ImageNet: 0..999)
 * @param label human-readable class name
 * @param score probability in [0, 1]
 */
public record Prediction(int index, String label, double score) {
}
