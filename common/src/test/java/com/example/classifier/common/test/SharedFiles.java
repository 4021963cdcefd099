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
		Path root = (configured != null) ? Path.of(configured) : Path.of("..", "shared");
		Assumptions.assumeTrue(Files.isDirectory(root),
				() -> "Shared test files not found at " + root.toAbsolutePath() + "; skipping");
		return root.toAbsolutePath().normalize();
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
