package com.example.classifier.modelservice.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Class names of a model's outputs: line i of the source names class i. */
final class Labels {

	static final String IMAGENET_RESOURCE = "imagenet-labels.txt";

	private final List<String> names;

	private final String source;

	private final LabelStyle style;

	Labels(List<String> names, String source) {
		this(names, source, LabelStyle.WORDS);
	}

	private Labels(List<String> names, String source, LabelStyle style) {
		if (names.isEmpty()) {
			throw new ModelLoadingException("The labels file " + source + " has no labels");
		}
		this.names = List.copyOf(names);
		this.source = source;
		this.style = style;
	}

	/** The same labels, named in another style. */
	Labels withStyle(LabelStyle style) {
		return new Labels(this.names, this.source, style);
	}

	/** The 1000 ImageNet-1k class names bundled with the service. */
	static Labels imagenet() {
		InputStream in = Labels.class.getClassLoader().getResourceAsStream(IMAGENET_RESOURCE);
		if (in == null) {
			throw new IllegalStateException("Bundled resource " + IMAGENET_RESOURCE + " is missing from the build");
		}
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			return new Labels(read(reader), "classpath:" + IMAGENET_RESOURCE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Labels load(Path file) {
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return new Labels(read(reader), file.toString());
		}
		catch (IOException ex) {
			throw new ModelLoadingException(
					"Cannot read the labels file " + file.toAbsolutePath() + " (model.labels / MODEL_LABELS)", ex);
		}
	}

	private static List<String> read(BufferedReader reader) throws IOException {
		List<String> names = new ArrayList<>();
		for (String line = reader.readLine(); line != null; line = reader.readLine()) {
			names.add(line.strip());
		}
		// Editors often leave blank lines at the end; blank lines inside would shift every later class, so they stay
		// and make the count check fail loudly.
		while (!names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
			names.remove(names.size() - 1);
		}
		return names;
	}

	int size() {
		return this.names.size();
	}

	/**
	 * The name people read: the first of the synonyms on the line ("malamute, malemute, Alaskan malamute" reads
	 * "malamute"), in the configured {@link LabelStyle}.
	 */
	String get(int index) {
		String line = this.names.get(index);
		int comma = line.indexOf(',');
		return this.style.apply((comma > 0) ? line.substring(0, comma).trim() : line);
	}

	String source() {
		return this.source;
	}

	/** Fails when the labels cannot describe the model's outputs one to one. */
	void requireSize(int modelClasses) {
		if (modelClasses != this.names.size()) {
			throw new ModelLoadingException("The labels file " + this.source + " has " + this.names.size()
					+ " labels but the model outputs " + modelClasses
					+ " classes; set model.labels (MODEL_LABELS) to a file with one label per output class");
		}
	}

}
