package com.example.classifier.modelservice.model;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LabelsTests {

	@TempDir
	Path dir;

	@Test
	void bundlesTheImageNetClasses() {
		Labels labels = Labels.imagenet();
		assertThat(labels.size()).isEqualTo(1000);
		assertThat(labels.get(0)).isEqualTo("tench");
		assertThat(labels.get(249)).isEqualTo("malamute");
		assertThat(labels.get(999)).isEqualTo("toilet tissue");
		labels.requireSize(1000);
	}

	@Test
	void loadsOneLabelPerLineIgnoringTrailingBlankLines() throws Exception {
		Path file = Files.writeString(this.dir.resolve("labels.txt"), "cat\n dog \r\nbird\n\n\n");
		Labels labels = Labels.load(file);
		assertThat(labels.size()).isEqualTo(3);
		assertThat(labels.get(1)).isEqualTo("dog");
		assertThat(labels.source()).isEqualTo(file.toString());
	}

	@Test
	void failsWhenTheCountDiffersFromTheModelOutputs() throws Exception {
		Labels labels = Labels.load(Files.writeString(this.dir.resolve("labels.txt"), "cat\ndog\n"));
		assertThatExceptionOfType(ModelLoadingException.class).isThrownBy(() -> labels.requireSize(1000))
			.withMessageContaining("has 2 labels but the model outputs 1000 classes")
			.withMessageContaining("MODEL_LABELS");
	}

	@Test
	void failsClearlyOnAMissingOrEmptyFile() throws Exception {
		assertThatExceptionOfType(ModelLoadingException.class)
			.isThrownBy(() -> Labels.load(this.dir.resolve("missing.txt")))
			.withMessageContaining("missing.txt")
			.withMessageContaining("MODEL_LABELS");
		Path empty = Files.writeString(this.dir.resolve("empty.txt"), "\n");
		assertThatExceptionOfType(ModelLoadingException.class).isThrownBy(() -> Labels.load(empty))
			.withMessageContaining("has no labels");
	}

}
