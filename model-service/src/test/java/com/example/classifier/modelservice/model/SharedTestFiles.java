package com.example.classifier.modelservice.model;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real models and photos in the {@code shared} folder next to the project (surefire passes it as
 * {@code shared.dir}). They are too big for the repository; tests that need them skip where the folder is absent.
 */
final class SharedTestFiles {

	private SharedTestFiles() {
	}

	static Path dir() {
		String configured = System.getProperty("shared.dir");
		Path dir = (configured != null && !configured.isBlank()) ? Path.of(configured)
				: projectRoot().resolve("../shared");
		dir = dir.toAbsolutePath().normalize();
		assumeTrue(Files.isDirectory(dir), "Shared test files not found at " + dir
				+ " (set -Dshared.dir=...); skipping tests that need the real model and photos");
		return dir;
	}

	static Path model() {
		return dir().resolve("models/mobilenetv2/mobilenetv2-float.h5");
	}

	static Path image(String name) {
		return dir().resolve("images").resolve(name);
	}

	/** The directory holding {@code mvnw}: tests run in the module folder under Maven but elsewhere in IDEs. */
	private static Path projectRoot() {
		Path dir = Path.of("").toAbsolutePath();
		for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
			if (Files.isRegularFile(candidate.resolve("mvnw"))) {
				return candidate;
			}
		}
		return dir;
	}

}
