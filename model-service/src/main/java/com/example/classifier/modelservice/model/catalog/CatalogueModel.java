package com.example.classifier.modelservice.model.catalog;

import java.util.List;

import com.example.classifier.modelservice.model.Engine;

/**
 * A named model: the files that can serve it, best first. Several files can serve one model (ResNet50: the Keras
 * weights for DL4J, the ONNX Model Zoo file for ONNX Runtime, the DL4J zoo archive as a last mirror); the engine in use
 * picks those it can run.
 *
 * @param name what {@code model.name} says
 * @param description one line for logs and errors
 * @param artifacts the files, in order of preference
 */
public record CatalogueModel(String name, String description, List<Artifact> artifacts) {

	public CatalogueModel {
		artifacts = List.copyOf(artifacts);
	}

	/** The files this engine runs, in order of preference. */
	public List<Artifact> artifactsFor(Engine engine) {
		return this.artifacts.stream().filter((artifact) -> artifact.format().engine() == engine).toList();
	}

	/** True when the model ships in the jar. */
	public boolean embedded() {
		return this.artifacts.stream().anyMatch(Artifact::embedded);
	}

}
