package com.example.classifier.modelservice.model;

import com.example.classifier.modelservice.image.ModelInput;
import com.example.classifier.modelservice.image.Preprocessing;
import org.deeplearning4j.nn.api.Model;

/**
 * A network fresh from disk with what is known about it.
 *
 * @param network a {@code ComputationGraph} or {@code MultiLayerNetwork}
 * @param input the image tensor it takes
 * @param modelId identifies model and weights (see {@link ImageClassifier#modelId()})
 * @param defaultPreprocessing what to use when {@code model.preprocessing} is not set
 * @param preprocessingReason why that default, for the startup log
 */
record LoadedModel(Model network, ModelInput input, String modelId, Preprocessing defaultPreprocessing,
		String preprocessingReason) {
}
