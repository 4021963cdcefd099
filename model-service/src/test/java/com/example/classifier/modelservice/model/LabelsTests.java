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
	void kerasStyleNamesAreThoseOfKerasImagenetClassIndex() {
		Labels keras = Labels.imagenet().withStyle(LabelStyle.KERAS);
		// Pairs from Keras's imagenet_class_index.json, chosen for spaces, hyphens, capitals and duplicates.
		assertThat(keras.get(248)).isEqualTo("Eskimo_dog");
		assertThat(keras.get(285)).isEqualTo("Egyptian_cat");
		assertThat(keras.get(22)).isEqualTo("bald_eagle");
		assertThat(keras.get(249)).isEqualTo("malamute");
		assertThat(keras.get(89)).isEqualTo("sulphur-crested_cockatoo");
		assertThat(keras.get(155)).isEqualTo("Shih-Tzu");
		assertThat(keras.get(165)).isEqualTo("black-and-tan_coonhound");
		assertThat(keras.get(364)).isEqualTo("three-toed_sloth");
		assertThat(keras.get(419)).isEqualTo("Band_Aid");
		assertThat(keras.get(134)).isEqualTo("crane");
		assertThat(keras.get(517)).isEqualTo("crane");
		assertThat(keras.get(999)).isEqualTo("toilet_tissue");
		// The default style is unchanged.
		assertThat(Labels.imagenet().get(248)).isEqualTo("Eskimo dog");
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
