package com.example.classifier.modelservice.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import ai.onnxruntime.OrtException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.classifier.modelservice.image.Preprocessing;
import com.example.classifier.modelservice.model.catalog.ArtifactDownloader;
import com.example.classifier.modelservice.model.catalog.ModelCatalogue;
import com.example.classifier.modelservice.model.catalog.ModelResolver;
import com.example.classifier.modelservice.model.catalog.ResolvedModel;
import com.example.classifier.modelservice.model.rewrite.InferenceRewrite;

/**
 * Builds the classifier that {@link ModelProperties} describe: find the model (a file, or a catalogue model), pick
 * the engine, load, pick preprocessing and labels, warm up.
 */
final class ClassifierFactory {

	private static final Logger log = LoggerFactory.getLogger(ClassifierFactory.class);

	private ClassifierFactory() {
	}

	static ImageClassifier create(ModelProperties properties) {
		if (properties.path() != null) {
			return switch (properties.resolvedEngine()) {
				case DL4J -> createDl4j(properties);
				case ONNX -> createOnnx(properties);
			};
		}
		ResolvedModel model = resolve(properties);
		return switch (model.artifact().format().engine()) {
			case DL4J -> createDl4j(properties, model);
			case ONNX -> createOnnx(properties, model);
		};
	}

	/** The catalogue model that {@code model.name} chooses (unset: the default, with the embedded fallback). */
	static ResolvedModel resolve(ModelProperties properties) {
		return new ModelResolver(ModelCatalogue.standard(), new ArtifactDownloader(properties.cacheDir()),
				properties.download())
			.resolve(properties.name(), properties.engine());
	}

	static Dl4jImageClassifier createDl4j(ModelProperties properties) {
		return createDl4j(properties, null);
	}

	static Dl4jImageClassifier createDl4j(ModelProperties properties, @Nullable ResolvedModel resolved) {
		long start = System.nanoTime();
		int threads = properties.resolvedIntraOpThreads();
		// Before anything touches ND4J (loading a Keras file does): chooses the native build it loads.
		Dl4jRuntime.State runtime = Dl4jRuntime.configure(properties.dl4jNatives(), threads,
				properties.nativeMemoryLimit());
		LoadedModel loaded = (resolved != null) ? new ModelLoader().load(resolved)
				: new ModelLoader().load(properties.path());
		LoadedModel model = properties.graphRewrites() ? rewritten(loaded) : loaded;
		try {
			Preprocessing preprocessing = preprocessing(properties, model.defaultPreprocessing(),
					model.preprocessingReason());
			Labels labels = labels(properties);
			// One caller with N threads: N single-threaded replicas each running part of every batch were faster than
			// one replica whose calls use N OpenMP threads (docs/performance.md, "DL4J nearer its limit").
			boolean split = properties.splitsBatches(1);
			Dl4jImageClassifier classifier = split
					? new Dl4jImageClassifier(model, preprocessing, properties.resize(), labels, properties.topK(),
							threads, 1, true)
					: new Dl4jImageClassifier(model, preprocessing, properties.resize(), labels, properties.topK(),
							properties.resolvedReplicas(1), threads);
			log.info("Model {} loaded by DL4J in {} ms: input {}, preprocessing {}, {} classes labelled from {}, "
					+ "top-{}; {}, oneDNN helpers {}", display(properties, model.modelId()),
					Duration.ofNanos(System.nanoTime() - start).toMillis(), model.input(), preprocessing,
					classifier.classes(), labels.source(), properties.topK(),
					split ? threads + " single-threaded replicas, each batch spread over them (model.batch-split)"
							: properties.resolvedReplicas(1) + " replica(s), " + threads + " thread(s) per call",
					runtime.helpers() ? "on" : "off");
			return classifier;
		}
		catch (RuntimeException ex) {
			// The network holds native memory that no finaliser returns.
			model.network().close();
			throw ex;
		}
	}

	/**
	 * The network rewritten for inference ({@link InferenceRewrite}: batch normalisations folded into convolutions
	 * and the like; it checks the answers on a test image and logs what it folded and the time it saves), or the
	 * network as loaded when nothing applies or the rewrite fails.
	 */
	private static LoadedModel rewritten(LoadedModel model) {
		long[] image = Arrays.copyOfRange(model.input().batchShape(1), 1, 4);
		return new LoadedModel(InferenceRewrite.apply(model.network(), image), model.input(), model.modelId(),
				model.defaultPreprocessing(), model.preprocessingReason());
	}

	static OnnxImageClassifier createOnnx(ModelProperties properties) {
		return createOnnx(properties, null);
	}

	static OnnxImageClassifier createOnnx(ModelProperties properties, @Nullable ResolvedModel resolved) {
		long start = System.nanoTime();
		Path path = (resolved != null) ? resolved.file() : properties.path();
		if (path == null || !Files.isRegularFile(path)) {
			throw new ModelLoadingException("MODEL_PATH (model.path) is " + ((path != null) ? path.toAbsolutePath()
					: "unset") + "; the ONNX engine needs an existing .onnx file (see docs/performance.md for the "
					+ "ONNX Model Zoo ResNet50 download)");
		}
		// ONNX files record no preprocessing either; torchvision exports and the ONNX Model Zoo's ImageNet models
		// (ResNet50 v1, MobileNetV2) take torch-normalised RGB.
		Preprocessing preprocessing = (resolved != null)
				? preprocessing(properties, resolved.artifact().preprocessing(), "the catalogue's setting for "
						+ resolved.artifact().fileName())
				: preprocessing(properties, Preprocessing.TORCH,
						"ONNX files record no preprocessing; TORCH is what torchvision exports and the ONNX Model "
								+ "Zoo's ImageNet classifiers (ResNet50, MobileNetV2) expect");
		Labels labels = labels(properties);
		int threads = properties.resolvedIntraOpThreads();
		if (properties.replicas() != null && properties.replicas() > 1) {
			log.info("model.replicas={} does not apply to ONNX Runtime: its one session serves all worker threads",
					properties.replicas());
		}
		// As for DL4J: one caller with N threads runs each batch as N single-threaded calls at once (docs/performance.md).
		boolean split = properties.batchSplit() && threads > 1;
		try {
			OnnxImageClassifier classifier = new OnnxImageClassifier(path,
					(resolved != null) ? resolved.modelId() : ModelLoader.fileModelId(path), preprocessing,
					properties.resize(), labels, properties.topK(), threads, split);
			log.info("Model {} loaded by ONNX Runtime in {} ms: input {}, preprocessing {}, {} classes labelled "
					+ "from {}, top-{}; {} intra-op thread(s) per call{}", display(properties, classifier.modelId()),
					Duration.ofNanos(System.nanoTime() - start).toMillis(), classifier.input(), preprocessing,
					classifier.classes(), labels.source(), properties.topK(), threads,
					classifier.splitsBatches() ? ", batches split over " + threads + " single-threaded calls" : "");
			return classifier;
		}
		catch (IOException | OrtException ex) {
			throw new ModelLoadingException("Cannot load the ONNX model at MODEL_PATH (model.path) "
					+ path.toAbsolutePath() + ": " + ex.getClass().getSimpleName() + ": " + ex.getMessage(), ex);
		}
	}

	private static Labels labels(ModelProperties properties) {
		Labels labels = (properties.labels() != null) ? Labels.load(properties.labels()) : Labels.imagenet();
		return labels.withStyle(properties.labelStyle());
	}

	private static String display(ModelProperties properties, String modelId) {
		return (properties.name() != null) ? "'" + properties.name() + "' (" + modelId + ")" : modelId;
	}

	private static Preprocessing preprocessing(ModelProperties properties, Preprocessing fallback, String reason) {
		if (properties.preprocessing() != null) {
			return properties.preprocessing();
		}
		log.info("model.preprocessing (MODEL_PREPROCESSING) is not set; using {}: {}. Set it to caffe, torch or tf "
				+ "if the model was trained otherwise.", fallback, reason);
		return fallback;
	}

}
