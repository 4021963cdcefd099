package com.example.classifier.common.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * The real models and photos in {@code ../shared} beside the project (the build passes it as system property
 * {@code shared.dir}). Tests that need them are skipped, with a message saying so, where the folder is absent.
 */
public final class SharedFiles {

	private SharedFiles() {
	}

	public static Path root() {
		String configured = System.getProperty("shared.dir");
		Path root = ((configured != null && !configured.isBlank()) ? Path.of(configured)
				: projectRoot().resolve("../shared"))
			.toAbsolutePath()
			.normalize();
		Assumptions.assumeTrue(Files.isDirectory(root), () -> "Shared test files not found at " + root
				+ " (set -Dshared.dir=...); skipping tests that need the real model and photos");
		return root;
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

	public static Path image(String name) {
		return existing(root().resolve("images").resolve(name));
	}

	public static Path model(String relativePath) {
		return existing(root().resolve("models").resolve(relativePath));
	}

	public static byte[] imageBytes(String name) {
		try {
			return Files.readAllBytes(image(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path existing(Path path) {
		Assumptions.assumeTrue(Files.isRegularFile(path), () -> path + " is missing; skipping");
		return path;
	}

}
