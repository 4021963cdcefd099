package com.example.classifier.modelservice.model;

import java.nio.file.Path;

/**
 * Downloads and verifies the default model into a directory, then exits: used when a Docker image is built, so
 * containers never download at start-up. Run as
 * {@code java -cp app.jar -Dloader.main=<this class> org.springframework.boot.loader.launch.PropertiesLauncher <dir>}.
 */
public final class ModelPrefetch {

	private ModelPrefetch() {
	}

	public static void main(String[] args) {
		Path cacheDir = Path.of((args.length > 0) ? args[0] : "/models");
		ModelProperties defaults = ModelProperties.defaults();
		ModelProperties properties = new ModelProperties(null, null, null, cacheDir, defaults.topK(), null);
		ClassifierFactory.create(properties).close();
	}

}
