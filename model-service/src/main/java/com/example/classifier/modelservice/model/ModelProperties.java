package com.example.classifier.modelservice.model;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which model the worker runs and how its answers are presented. Every value can also be set as an environment
 * variable (relaxed binding: {@code model.path} = {@code MODEL_PATH}, {@code model.top-k} = {@code MODEL_TOP_K}).
 *
 * @param path a Keras full model ({@code .h5}) or a DL4J {@code ModelSerializer} archive ({@code .zip}); unset = DL4J
 * zoo ResNet50 with ImageNet weights, downloaded once into {@code cacheDir}
 * @param preprocessing how pixels are normalised; unset = the loaded model's default (see
 * docs/model-preprocessing.md)
 * @param labels text file, line i = name of class i; unset = the bundled ImageNet-1k labels
 * @param cacheDir where downloaded zoo weights are kept; unset = {@code ~/.cache/image-classifier/models}
 * @param topK classes returned per image, best first
 * @param name display name of the model (logs); unset = derived from the model
 */
@Validated
@ConfigurationProperties("model")
public record ModelProperties(@Nullable Path path, @Nullable Preprocessing preprocessing, @Nullable Path labels,
		@NotNull Path cacheDir, @DefaultValue("5") @Min(1) @Max(20) int topK, @Nullable String name) {

	public ModelProperties {
		// docker compose passes unset variables as empty strings: treat them as unset.
		path = (path != null && path.toString().isBlank()) ? null : path;
		labels = (labels != null && labels.toString().isBlank()) ? null : labels;
		// Not @DefaultValue: placeholders such as ${user.home} are not resolved in default values.
		if (cacheDir == null) {
			cacheDir = Path.of(System.getProperty("user.home"), ".cache", "image-classifier", "models");
		}
	}

	/** The default model with default settings, for code and tests that build a classifier without Spring. */
	static ModelProperties defaults() {
		return new ModelProperties(null, null, null, null, 5, null);
	}

}
