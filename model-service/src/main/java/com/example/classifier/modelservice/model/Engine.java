package com.example.classifier.modelservice.model;

/**
 * The inference engine that runs the model. Binds case-insensitively ({@code MODEL_ENGINE=onnx}).
 */
public enum Engine {

	/** DeepLearning4J: Keras {@code .h5}, DL4J {@code .zip}, or the zoo ResNet50 (the default). */
	DL4J,

	/** ONNX Runtime: {@code .onnx} files. */
	ONNX

}
