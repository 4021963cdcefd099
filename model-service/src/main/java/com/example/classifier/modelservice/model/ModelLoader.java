package com.example.classifier.modelservice.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipFile;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.util.ModelSerializer;

import com.example.classifier.modelservice.image.Preprocessing;
import com.example.classifier.modelservice.model.catalog.Artifact;
import com.example.classifier.modelservice.model.catalog.Checksum;
import com.example.classifier.modelservice.model.catalog.ResolvedModel;
import com.example.classifier.modelservice.model.keras.KerasResNet50;

/**
 * Loads a DL4J network: the file named by {@code model.path} (a Keras {@code .h5} or a DL4J {@code .zip}; failures
 * name {@code MODEL_PATH}, the setting that fixes them) or a catalogue model's file (see {@link ModelResolver}).
 */
final class ModelLoader {

	LoadedModel load(Path path) {
		if (!Files.isRegularFile(path)) {
			throw new ModelLoadingException("MODEL_PATH (model.path) is " + path.toAbsolutePath()
					+ ", which does not exist or is not a file");
		}
		String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
		try {
			if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
				KerasImporter.Imported keras = KerasImporter.load(path);
				// Nothing in a Keras file says how its weights want pixels normalised; see docs/model-preprocessing.md.
				return new LoadedModel(keras.network(), keras.input(), fileModelId(path), Preprocessing.TORCH,
						"Keras .h5 files record no preprocessing; TORCH is what ImageNet weights converted from "
								+ "PyTorch/ONNX (like the project's reference MobileNetV2) expect");
			}
			if (name.endsWith(".zip")) {
				Model network = restoreDl4j(path);
				return new LoadedModel(network, InputShapeDetector.fromNetwork(network, null), fileModelId(path),
						Preprocessing.CAFFE,
						"DL4J .zip archives record no preprocessing; CAFFE is what DL4J's own pretrained ImageNet "
								+ "weights (zoo ResNet50, VGG16/19) and models fine-tuned from them expect");
			}
		}
		catch (IOException | InvalidKerasConfigurationException | UnsupportedKerasConfigurationException
				| RuntimeException ex) {
			if (ex instanceof ModelLoadingException loading) {
				throw loading;
			}
			throw new ModelLoadingException("Cannot load the model at MODEL_PATH (model.path) " + path.toAbsolutePath()
					+ ": " + describe(ex), ex);
		}
		throw new ModelLoadingException("MODEL_PATH (model.path) is " + path.toAbsolutePath()
				+ ": unsupported file type; expected a Keras full model (.h5) or a DL4J ModelSerializer archive (.zip),"
				+ " a .onnx model (run by ONNX Runtime: MODEL_ENGINE=onnx or unset), or leave MODEL_PATH unset and choose"
				+ " a catalogue model with MODEL_NAME");
	}

	/** ModelSerializer archives hold either network type; the configuration JSON tells which. */
	private static Model restoreDl4j(Path path) throws IOException {
		boolean graph;
		try (ZipFile zip = new ZipFile(path.toFile())) {
			var entry = zip.getEntry("configuration.json");
			if (entry == null) {
				throw new ModelLoadingException("MODEL_PATH (model.path) " + path.toAbsolutePath()
						+ " is a zip but not a DL4J ModelSerializer archive (no configuration.json)");
			}
			try (InputStream in = zip.getInputStream(entry)) {
				graph = new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("\"vertices\"");
			}
		}
		// loadUpdater=false: the training state is as large as the weights and inference never needs it.
		return graph ? ModelSerializer.restoreComputationGraph(path.toFile(), false)
				: ModelSerializer.restoreMultiLayerNetwork(path.toFile(), false);
	}

	/** A catalogue model's file, loaded as its format says. */
	LoadedModel load(ResolvedModel resolved) {
		Path file = resolved.file();
		Artifact artifact = resolved.artifact();
		String reason = "the catalogue's setting for " + artifact.fileName();
		try {
			return switch (artifact.format()) {
				case KERAS_FULL_MODEL -> {
					KerasImporter.Imported keras = KerasImporter.load(file);
					yield new LoadedModel(keras.network(), keras.input(), resolved.modelId(),
							artifact.preprocessing(), reason);
				}
				case KERAS_RESNET50_WEIGHTS -> {
					Model network = KerasResNet50.load(file);
					yield new LoadedModel(network, InputShapeDetector.fromNetwork(network, new int[] { 3, 224, 224 }),
							resolved.modelId(),
							artifact.preprocessing(), reason);
				}
				case DL4J_ZIP -> {
					Model network = restoreDl4j(file);
					// The zoo archive does not record its input size; the zoo's metadata says {3, 224, 224}.
					yield new LoadedModel(network, InputShapeDetector.fromNetwork(network, new int[] { 3, 224, 224 }),
							resolved.modelId(), artifact.preprocessing(), reason);
				}
				case ONNX -> throw new ModelLoadingException(file + " is an ONNX model: it runs on MODEL_ENGINE=onnx");
			};
		}
		catch (IOException | InvalidKerasConfigurationException | UnsupportedKerasConfigurationException
				| RuntimeException ex) {
			if (ex instanceof ModelLoadingException loading) {
				throw loading;
			}
			throw new ModelLoadingException("Cannot load " + file.toAbsolutePath() + " (" + resolved.modelId()
					+ "); delete it to fetch it again: " + describe(ex), ex);
		}
	}

	/** Messages such as "H5Fopen failed" or a bare host name only make sense with the exception's type. */
	private static String describe(Exception ex) {
		return ex.getClass().getSimpleName() + ": " + ex.getMessage();
	}

	/** File name plus the start of its SHA-256: changes whenever the weights do, so cached answers never mix. */
	static String fileModelId(Path file) throws IOException {
		return file.getFileName() + "@" + Checksum.Algorithm.SHA256.hexOf(file).substring(0, 8);
	}

}
