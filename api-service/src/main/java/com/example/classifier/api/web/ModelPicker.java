package com.example.classifier.api.web;

import java.util.List;

import com.example.classifier.api.queue.LiveModels;
import com.example.classifier.api.queue.LiveModelsSnapshot;
import com.example.classifier.common.ModelName;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The page's model picker ({@code <select name="model">}), read by the template as {@code @modelPicker} so that every
 * rendering of the page has it (the result, and every error shown on the page): the live models, the default
 * preselected, and the models that are down listed but not choosable.
 */
@Component("modelPicker")
public class ModelPicker {

	private final LiveModels models;

	ModelPicker(LiveModels models) {
		this.models = models;
	}

	/** The options; just the default model while Redis cannot be read (the upload then gets the error). */
	public List<Option> options() {
		try {
			LiveModelsSnapshot snapshot = this.models.snapshot();
			return snapshot.knownModels().stream().map((name) -> option(snapshot, name)).toList();
		}
		catch (DataAccessException ex) {
			return List.of(new Option(this.models.defaultModel().value(), true, true));
		}
	}

	private static Option option(LiveModelsSnapshot snapshot, ModelName name) {
		return new Option(name.value(), snapshot.workers(name) > 0, name.equals(snapshot.defaultModel()));
	}

	/**
	 * @param name the model's name, the option's value
	 * @param live false = shown as down, not choosable (the default model stays choosable: its jobs wait for a worker)
	 * @param selected the default model, preselected
	 */
	public record Option(String name, boolean live, boolean selected) {

		public boolean disabled() {
			return !this.live && !this.selected;
		}

		public String label() {
			return this.live ? this.name : this.name + " (down)";
		}

	}

}
