package com.example.classifier.modelservice.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.example.classifier.modelservice.image.ModelInput;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.KerasSequentialModel;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelUtils;

/**
 * Imports a Keras full-model HDF5 file. Does what {@code KerasModelImport.importKerasModelAndWeights(path, false)}
 * (or its Sequential twin) does, but keeps the Keras model long enough to read the input layer's shape, which the
 * resulting DL4J configuration no longer records.
 */
final class KerasImporter {

	record Imported(Model network, ModelInput input) {
	}

	private KerasImporter() {
	}

	static Imported load(Path file)
			throws IOException, InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
		// enforceTrainingConfig=false: inference only, so unsupported optimisers or losses in the file do not matter.
		try (KerasModelBuilder builder = new KerasModel().modelBuilder()
			.modelHdf5Filename(file.toString())
			.enforceTrainingConfig(false)) {
			Map<String, Object> config = KerasModelUtils.parseModelConfig(builder.getModelJson(),
					builder.getModelYaml());
			if ("Sequential".equals(config.get("class_name"))) {
				KerasSequentialModel keras = builder.buildSequential();
				Model network = keras.getMultiLayerNetwork(true);
				return new Imported(network, inputOf(keras, network));
			}
			KerasModel keras = builder.buildModel();
			Model network = keras.getComputationGraph(true);
			return new Imported(network, inputOf(keras, network));
		}
	}

	private static ModelInput inputOf(KerasModel keras, Model network)
			throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
		List<String> inputs = keras.getInputLayerNames();
		if (inputs.size() != 1) {
			throw new ModelLoadingException("The Keras model has " + inputs.size() + " inputs " + inputs
					+ "; an image classifier needs exactly one");
		}
		KerasLayer layer = keras.getLayers().get(inputs.get(0));
		ModelInput input = (layer != null) ? InputShapeDetector.fromInputType(layer.getOutputType()) : null;
		return (input != null) ? input : InputShapeDetector.fromNetwork(network, null);
	}

}
