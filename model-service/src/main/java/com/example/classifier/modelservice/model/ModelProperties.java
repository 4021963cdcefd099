package com.example.classifier.modelservice.model;

import java.nio.file.Path;
import java.util.Locale;

import com.example.classifier.common.ModelName;
import com.example.classifier.modelservice.image.Preprocessing;
import com.example.classifier.modelservice.image.Resize;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Which model the worker runs and how its answers are presented. Every value can also be set as an environment
 * variable (relaxed binding: {@code model.path} = {@code MODEL_PATH}, {@code model.top-k} = {@code MODEL_TOP_K}).
 *
 * @param path a Keras full model ({@code .h5}), a DL4J {@code ModelSerializer} archive ({@code .zip}) or an ONNX model;
 * unset = the catalogue model that {@code name} chooses
 * @param preprocessing how pixels are normalised; unset = the loaded model's default (see
 * docs/model-preprocessing.md)
 * @param labels text file, line i = name of class i; unset = the bundled ImageNet-1k labels
 * @param cacheDir where catalogue models are kept once fetched; unset = {@code ~/.cache/image-classifier/models}
 * @param topK classes returned per image, best first
 * @param name with no {@code path}: the catalogue model to run ({@code resnet50}, {@code mobilenetv2}); unset = ResNet50,
 * or the embedded MobileNetV2 when ResNet50 cannot be had (a WARN says so). With a {@code path}: its display name
 * @param engine {@code dl4j} or {@code onnx}; unset = {@code onnx} for a {@code .onnx} path, otherwise {@code dl4j}
 * @param intraOpThreads threads one inference call may use (ONNX Runtime intra-op threads, OpenMP threads of ND4J
 * and oneDNN); unset = the available processors
 * @param replicas DL4J only: copies of the network, so that many worker threads can classify at once (a DL4J network
 * runs one call at a time); unset = one per worker thread. ONNX Runtime shares one session between all threads
 * @param dl4jNatives DL4J only: which native build of ND4J to load (see {@link Dl4jNatives})
 * @param nativeMemoryLimit DL4J only: most off-heap memory ND4J may hold (JavaCPP {@code maxBytes}); unset =
 * JavaCPP's default (the JVM's maximum heap)
 * @param download false = never use the network: catalogue models come from the cache (or the jar) only
 * @param resize how a photo becomes the square input: {@code crop} (default) or {@code squash} (Keras load_img)
 * @param labelStyle how classes are named: {@code words} (default, "Eskimo dog") or {@code keras} ("Eskimo_dog")
 * @param graphRewrites DL4J only: rewrite the loaded network for inference (batch normalisations folded into their
 * convolutions and the like, see {@code InferenceRewrite}); false = run it exactly as loaded
 * @param batchSplit with one worker thread and several intra-op threads: spread each batch over single-threaded
 * calls at once, one per thread ({@link BatchSplit}; DL4J: one replica of the network per thread, ONNX Runtime: a
 * second, single-threaded session); false = every call uses all the threads
 */
@Validated
@ConfigurationProperties("model")
public record ModelProperties(@Nullable Path path, @Nullable Preprocessing preprocessing, @Nullable Path labels,
		@NotNull Path cacheDir, @DefaultValue("5") @Min(1) @Max(20) int topK, @Nullable String name,
		@Nullable Engine engine, @Nullable @Min(1) @Max(256) Integer intraOpThreads,
		@Nullable @Min(1) @Max(64) Integer replicas, @DefaultValue("auto") @NotNull Dl4jNatives dl4jNatives,
		@Nullable DataSize nativeMemoryLimit, @DefaultValue("true") boolean download,
		@DefaultValue("crop") @NotNull Resize resize, @DefaultValue("words") @NotNull LabelStyle labelStyle,
		@DefaultValue("true") boolean graphRewrites, @DefaultValue("true") boolean batchSplit) {

	@ConstructorBinding
	public ModelProperties {
		// docker compose passes unset variables as empty strings: treat them as unset.
		path = (path != null && path.toString().isBlank()) ? null : path;
		name = (name != null && name.isBlank()) ? null : name;
		labels = (labels != null && labels.toString().isBlank()) ? null : labels;
		// Not @DefaultValue: placeholders such as ${user.home} are not resolved in default values.
		if (cacheDir == null) {
			cacheDir = Path.of(System.getProperty("user.home"), ".cache", "image-classifier", "models");
		}
		dl4jNatives = (dl4jNatives != null) ? dl4jNatives : Dl4jNatives.AUTO;
		resize = (resize != null) ? resize : Resize.CROP;
		labelStyle = (labelStyle != null) ? labelStyle : LabelStyle.WORDS;
	}

	/**
	 * The name this worker is routed by, i.e. whose queue it takes from: {@code model.name}; else the model file's
	 * base name, lower-cased and without its extension; else {@code resnet50} (also when the embedded MobileNetV2
	 * stands in for it offline: the answers' model id says so).
	 * @throws ModelLoadingException when {@code model.name} is not a valid name
	 */
	public ModelName routeName() {
		if (this.name != null) {
			if (!ModelName.isValid(this.name.trim().toLowerCase(Locale.ROOT))) {
				throw new ModelLoadingException("MODEL_NAME (model.name) is '" + this.name + "': requests choose a model"
						+ " by this name, so it must be 1 to 64 of a-z, 0-9, '.', '_' and '-' (and not 'enqueued' or "
						+ "'batch-ms')");
			}
			return ModelName.of(this.name);
		}
		if (this.path != null) {
			String file = this.path.getFileName().toString();
			int dot = file.lastIndexOf('.');
			return ModelName.sanitised((dot > 0) ? file.substring(0, dot) : file);
		}
		return ModelName.RESNET50;
	}

	/** The engine settings' defaults: engine from the file name, all processors, one replica, best oneDNN build. */
	public ModelProperties(@Nullable Path path, @Nullable Preprocessing preprocessing, @Nullable Path labels,
			@Nullable Path cacheDir, int topK, @Nullable String name) {
		this(path, preprocessing, labels, cacheDir, topK, name, null, null, null, Dl4jNatives.AUTO, null, true, Resize.CROP,
				LabelStyle.WORDS, true, true);
	}

	/** The default model with default settings, for code and tests that build a classifier without Spring. */
	static ModelProperties defaults() {
		return new ModelProperties(null, null, null, null, 5, null);
	}

	/** A copy with another engine configuration (tests and the benchmark). */
	ModelProperties withEngine(@Nullable Engine engine, @Nullable Integer intraOpThreads, @Nullable Integer replicas) {
		return new ModelProperties(this.path, this.preprocessing, this.labels, this.cacheDir, this.topK, this.name,
				engine, intraOpThreads, replicas, this.dl4jNatives, this.nativeMemoryLimit, this.download, this.resize,
				this.labelStyle, this.graphRewrites, this.batchSplit);
	}

	/** A copy with the DL4J graph rewrites on or off (tests and the benchmark). */
	ModelProperties withGraphRewrites(boolean graphRewrites) {
		return new ModelProperties(this.path, this.preprocessing, this.labels, this.cacheDir, this.topK, this.name,
				this.engine, this.intraOpThreads, this.replicas, this.dl4jNatives, this.nativeMemoryLimit,
				this.download, this.resize, this.labelStyle, graphRewrites, this.batchSplit);
	}

	/** A copy with the DL4J batch split on or off (tests and the benchmark). */
	ModelProperties withBatchSplit(boolean batchSplit) {
		return new ModelProperties(this.path, this.preprocessing, this.labels, this.cacheDir, this.topK, this.name,
				this.engine, this.intraOpThreads, this.replicas, this.dl4jNatives, this.nativeMemoryLimit,
				this.download, this.resize, this.labelStyle, this.graphRewrites, batchSplit);
	}

	/**
	 * Whether a DL4J classifier spreads each batch over single-threaded replicas: asked for, one replica
	 * ({@code model.replicas} or the worker threads) and more than one thread per call.
	 */
	boolean splitsBatches(int workerThreads) {
		return this.batchSplit && resolvedReplicas(workerThreads) == 1 && resolvedIntraOpThreads() > 1;
	}

	/** Copies of a DL4J network to load: {@code model.replicas} if set, otherwise one per worker thread. */
	int resolvedReplicas(int workerThreads) {
		return (this.replicas != null) ? this.replicas : Math.max(1, workerThreads);
	}

	/** For DL4J, a copy whose replica count is settled (ONNX Runtime has no replicas). */
	ModelProperties withResolvedReplicas(int workerThreads) {
		if (this.replicas != null || resolvedEngine() != Engine.DL4J) {
			return this;
		}
		return withEngine(this.engine, this.intraOpThreads, resolvedReplicas(workerThreads));
	}

	/**
	 * The engine that runs the model: {@code model.engine} if set, otherwise chosen by the file name (a catalogue
	 * model's default files are DL4J ones).
	 */
	Engine resolvedEngine() {
		boolean onnxFile = this.path != null
				&& this.path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
		if (this.engine == null) {
			return onnxFile ? Engine.ONNX : Engine.DL4J;
		}
		if (this.engine == Engine.DL4J && onnxFile) {
			throw new ModelLoadingException("MODEL_ENGINE (model.engine) is dl4j but MODEL_PATH (model.path) " + this.path
					+ " is an ONNX file; set MODEL_ENGINE=onnx or leave it unset");
		}
		if (this.engine == Engine.ONNX && this.path != null && !onnxFile) {
			throw new ModelLoadingException("MODEL_ENGINE (model.engine) is onnx, which runs .onnx files, but MODEL_PATH"
					+ " (model.path) is " + this.path + "; point MODEL_PATH at a .onnx model or set MODEL_ENGINE=dl4j");
		}
		return this.engine;
	}

	/** {@code model.intra-op-threads}, or every available processor. */
	int resolvedIntraOpThreads() {
		return (this.intraOpThreads != null) ? this.intraOpThreads : Runtime.getRuntime().availableProcessors();
	}

}
