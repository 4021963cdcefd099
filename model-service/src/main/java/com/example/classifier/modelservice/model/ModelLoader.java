package com.example.classifier.modelservice.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.ZipFile;

import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.common.resources.ResourceType;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.model.ResNet50;
import org.jspecify.annotations.Nullable;

/**
 * Loads the network named by {@code model.path}: a Keras {@code .h5}, a DL4J {@code .zip}, or (unset) the DL4J zoo
 * ResNet50 with ImageNet weights. Every failure names {@code MODEL_PATH}, the setting that fixes it.
 */
final class ModelLoader {

	static final String ZOO_MODEL_ID = "resnet50-imagenet";

	private final Path cacheDir;

	ModelLoader(Path cacheDir) {
		this.cacheDir = cacheDir;
	}

	LoadedModel load(@Nullable Path path) {
		if (path == null) {
			return loadZooResNet50();
		}
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
				+ " a .onnx model (run by ONNX Runtime: MODEL_ENGINE=onnx or unset), or leave MODEL_PATH unset for the"
				+ " default ResNet50");
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

	/**
	 * The zoo's ImageNet ResNet50 ({@code resnet50_dl4j_inference.v3.zip}) is Keras' ResNet50 imported into DL4J
	 * (ResNet50 Javadoc: "converted from https://keras.io/applications/"; its layers keep Keras names such as
	 * {@code fc1000}), so it wants what Keras' {@code preprocess_input(mode='caffe')} produces: BGR, ImageNet mean
	 * subtracted, no scaling, channels first. Sources: docs/model-preprocessing.md.
	 */
	private LoadedModel loadZooResNet50() {
		ResNet50 zoo = ResNet50.builder().build();
		URL source = null;
		try {
			Files.createDirectories(this.cacheDir);
			// Zoo code resolves its cache below DL4J's base directory; keep every download in model.cache-dir.
			DL4JResources.setBaseDirectory(this.cacheDir.toFile());
			source = URI.create(zoo.pretrainedUrl(PretrainedType.IMAGENET)).toURL();
			Path target = DL4JResources.getDirectory(ResourceType.ZOO_MODEL, zoo.modelName())
				.toPath()
				.resolve(Path.of(source.getPath()).getFileName());
			Path weights = ZooDownloader.fetch(source, target, zoo.pretrainedChecksum(PretrainedType.IMAGENET));
			Model network = ModelSerializer.restoreComputationGraph(weights.toFile(), false);
			// The zoo's metadata ({3, 224, 224}) supplies the size the saved configuration does not record.
			ModelInput input = InputShapeDetector.fromNetwork(network, zoo.metaData().getInputShape()[0]);
			return new LoadedModel(network, input, ZOO_MODEL_ID, Preprocessing.CAFFE,
					"the DL4J zoo ResNet50 weights are Keras' ResNet50 weights, trained on Caffe-style input");
		}
		catch (IOException | RuntimeException ex) {
			throw new ModelLoadingException("MODEL_PATH is not set, so the default model (DL4J zoo ResNet50, ImageNet)"
					+ " is needed, but it could not be " + ((source == null) ? "prepared" : "downloaded from " + source)
					+ " into " + this.cacheDir.toAbsolutePath() + " (model.cache-dir): " + describe(ex)
					+ ". Set MODEL_PATH to a local .h5 or .zip model to run without downloading.", ex);
		}
	}

	/** Messages such as "H5Fopen failed" or a bare host name only make sense with the exception's type. */
	private static String describe(Exception ex) {
		return ex.getClass().getSimpleName() + ": " + ex.getMessage();
	}

	/** File name plus the start of its SHA-256: changes whenever the weights do, so cached answers never mix. */
	static String fileModelId(Path file) throws IOException {
		try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
				MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(OutputStream.nullOutputStream());
			return file.getFileName() + "@" + HexFormat.of().formatHex(in.getMessageDigest().digest()).substring(0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
