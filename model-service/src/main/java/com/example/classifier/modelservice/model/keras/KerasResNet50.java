package com.example.classifier.modelservice.model.keras;

import java.nio.file.Path;

import org.deeplearning4j.nn.graph.ComputationGraph;

import com.example.classifier.modelservice.model.ModelLoadingException;

/** Keras Applications' ResNet50 weights in DL4J: the import is being written (its own branch); until then it refuses. */
public final class KerasResNet50 {

	private KerasResNet50() {
	}

	public static ComputationGraph load(Path weights) {
		throw new ModelLoadingException("Importing " + weights + " (Keras ResNet50 weights) is not in this build yet");
	}

}
