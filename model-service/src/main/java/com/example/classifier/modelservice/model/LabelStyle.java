package com.example.classifier.modelservice.model;

/**
 * How a class is named in answers. Binds case-insensitively ({@code MODEL_LABEL_STYLE=keras}).
 */
public enum LabelStyle {

	/** The first synonym of the class as written in the labels file: {@code Eskimo dog}, {@code bald eagle}. */
	WORDS,

	/**
	 * Keras's {@code imagenet_class_index.json} names, which {@code decode_predictions} shows: the same first synonym
	 * with underscores for spaces ({@code Eskimo_dog}, {@code Egyptian_cat}, {@code bald_eagle}). Keras built its index
	 * from the same WordNet lemmas; LabelsTests checks the rule on classes whose names have spaces, hyphens and
	 * capitals.
	 */
	KERAS;

	String apply(String name) {
		return (this == KERAS) ? name.replace(' ', '_') : name;
	}

}
