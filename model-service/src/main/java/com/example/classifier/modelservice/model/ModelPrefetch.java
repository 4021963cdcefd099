package com.example.classifier.modelservice.model;

import java.nio.file.Path;

import com.example.classifier.modelservice.model.catalog.ArtifactDownloader;
import com.example.classifier.modelservice.model.catalog.ModelCatalogue;
import com.example.classifier.modelservice.model.catalog.ModelResolver;
import com.example.classifier.modelservice.model.catalog.ResolvedModel;

/**
 * Fetches and verifies a catalogue model into a cache directory, then exits (0 = the model is there): used by
 * {@code ./run-local.sh --fetch-model} and when a Docker image is built, so that start-up never waits on the network.
 * Run as {@code java -cp app.jar -Dloader.main=<this class> org.springframework.boot.loader.launch.PropertiesLauncher
 * <cacheDir> [modelName] [engine]} (model name default {@code resnet50}, engine default the model's first).
 */
public final class ModelPrefetch {

	private ModelPrefetch() {
	}

	public static void main(String[] args) {
		Path cacheDir = Path.of((args.length > 0) ? args[0] : "/models");
		String name = (args.length > 1 && !args[1].isBlank()) ? args[1] : ModelCatalogue.RESNET50;
		Engine engine = (args.length > 2 && !args[2].isBlank()) ? Engine.valueOf(args[2].toUpperCase(java.util.Locale.ROOT))
				: null;
		try {
			// Named explicitly: a model that cannot be had is an error here, never the embedded fallback.
			ResolvedModel model = new ModelResolver(ModelCatalogue.standard(), new ArtifactDownloader(cacheDir), true).resolve(name, engine);
			System.out.println("Model " + model.modelId() + " is ready: " + model.file());
		}
		catch (ModelLoadingException ex) {
			System.err.println(ex.getMessage());
			System.exit(1);
		}
	}

}
