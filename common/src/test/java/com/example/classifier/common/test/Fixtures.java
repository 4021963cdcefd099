package com.example.classifier.common.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real photos and models the tests use, all in the repository: {@code common/src/test/resources/fixtures} (photos
 * and the int8 ONNX MobileNetV2) and the float MobileNetV2 that ships in the model-service jar. A missing file is a
 * broken checkout, so it fails the test; nothing here skips.
 */
public final class Fixtures {

	/** The model that ships in the model-service jar (its offline default). */
	public static final String MOBILENETV2_H5 = "mobilenetv2/mobilenetv2-float.h5";

	/** The ONNX Model Zoo's int8 MobileNetV2, for the ONNX Runtime engine. */
	public static final String MOBILENETV2_INT8_ONNX = "mobilenetv2/mobilenetv2-12-int8.onnx";

	/** The ImageNet class the MobileNetV2 models answer first for four of the fixture photos (fixtures/README.md). */
	public static final Map<String, Integer> TOP1_CLASSES = Map.of("dog.jpg", 249, "eagle.jpg", 22, "bird.bmp", 19,
			"cat.bmp", 285);

	private Fixtures() {
	}

	/** A photo from {@code fixtures/images}: dog.jpg, eagle.jpg, giraffe.jpg, bird.bmp, cat.bmp. */
	public static Path image(String name) {
		return existing(projectRoot().resolve("common/src/test/resources/fixtures/images").resolve(name));
	}

	public static byte[] imageBytes(String name) {
		try {
			return Files.readAllBytes(image(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@link #MOBILENETV2_H5} or {@link #MOBILENETV2_INT8_ONNX}. */
	public static Path model(String name) {
		return existing(switch (name) {
			case MOBILENETV2_H5 -> projectRoot().resolve("model-service/src/main/resources/models/mobilenetv2-float.h5");
			case MOBILENETV2_INT8_ONNX -> projectRoot()
				.resolve("common/src/test/resources/fixtures/models/mobilenetv2-12-int8.onnx");
			default -> throw new IllegalArgumentException("No fixture model " + name);
		});
	}

	/** The directory holding {@code mvnw}: tests run in the module folder under Maven but elsewhere in IDEs. */
	public static Path projectRoot() {
		Path dir = Path.of("").toAbsolutePath();
		for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
			if (Files.isRegularFile(candidate.resolve("mvnw"))) {
				return candidate;
			}
		}
		return dir;
	}

	private static Path existing(Path path) {
		if (!Files.isRegularFile(path)) {
			throw new IllegalStateException(path + " is missing: the test fixtures are part of the repository");
		}
		return path;
	}

}
