package com.example.classifier.api.models;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.example.classifier.api.queue.LiveModels;
import com.example.classifier.api.queue.LiveModelsSnapshot;
import com.example.classifier.common.ModelName;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Turns a request's {@code model} into the model whose queue gets the job: none = {@code queue.default-model}; a
 * name that is not valid, or never seen alive, is refused (400); a model whose workers are all down is refused at
 * once (503) instead of waiting for a timeout. Not the default model: its jobs queue as they always did while its
 * workers restart (its queue is the one workers of every version take from, and readiness tells when none is up).
 */
@Component
public class ModelRouter {

	/** Most models one compare request asks: each is a job, and a page shows about this many side by side. */
	static final int MOST_COMPARED = 4;

	private final LiveModels models;

	ModelRouter(LiveModels models) {
		this.models = models;
	}

	/**
	 * @param requested the request's {@code model}; null or blank = the default model
	 * @throws ModelRoutingException when the model cannot be served
	 */
	public ModelName route(@Nullable String requested) {
		if (!StringUtils.hasText(requested)) {
			return this.models.defaultModel();
		}
		String text = requested.trim();
		if (!ModelName.isValid(text.toLowerCase(Locale.ROOT))) {
			throw ModelRoutingException.invalid(text, "names are 1 to 64 of a-z, 0-9, '.', '_' and '-'",
					live(this.models.snapshot()));
		}
		ModelName model = ModelName.of(text);
		if (model.equals(this.models.defaultModel())) {
			return model;
		}
		LiveModelsSnapshot snapshot = this.models.snapshot();
		if (!snapshot.isKnown(model)) {
			throw ModelRoutingException.unknown(model.value(), live(snapshot));
		}
		if (snapshot.workers(model) == 0) {
			throw ModelRoutingException.down(model.value(), live(snapshot));
		}
		return model;
	}

	/**
	 * A comma-separated list (compare): each routed, in the order given, each once.
	 * @throws ModelRoutingException when one of them cannot be served, or more than four are asked
	 */
	public List<ModelName> routeAll(String requested) {
		Set<ModelName> routed = new LinkedHashSet<>();
		for (String each : requested.split(",", -1)) {
			if (!StringUtils.hasText(each)) {
				throw ModelRoutingException.invalid(requested, "compare takes model names separated by commas",
						live(this.models.snapshot()));
			}
			routed.add(route(each));
		}
		if (routed.size() > MOST_COMPARED) {
			throw ModelRoutingException.invalid(requested, "at most " + MOST_COMPARED + " models can be compared",
					live(this.models.snapshot()));
		}
		return new ArrayList<>(routed);
	}

	/** The page's compare option: the live models (at most four), the default first; just the default when none is. */
	public List<ModelName> liveForComparison() {
		LiveModelsSnapshot snapshot = this.models.snapshot();
		List<ModelName> compared = new ArrayList<>();
		compared.add(snapshot.defaultModel());
		snapshot.liveModels().stream().filter((model) -> !compared.contains(model)).forEach(compared::add);
		if (snapshot.workers(snapshot.defaultModel()) == 0 && compared.size() > 1) {
			compared.remove(0);
		}
		return List.copyOf(compared.subList(0, Math.min(MOST_COMPARED, compared.size())));
	}

	/** Whether a request's {@code model} asks for a comparison of several models. */
	public static boolean isComparison(@Nullable String requested) {
		return requested != null && requested.contains(",");
	}

	/**
	 * The model whose queue an upload's early place is taken in, from a {@code model} query parameter, before the
	 * body is read: never refuses (the request's own routing does, with the right message) and makes no queue for a
	 * name that is not a known model's. The default model's queue when there is none, or it names several.
	 */
	public ModelName admissionRoute(@Nullable String queryModel) {
		if (!StringUtils.hasText(queryModel) || isComparison(queryModel)) {
			return this.models.defaultModel();
		}
		String text = queryModel.trim().toLowerCase(Locale.ROOT);
		if (!ModelName.isValid(text)) {
			return this.models.defaultModel();
		}
		ModelName model = new ModelName(text);
		return this.models.snapshot().isKnown(model) ? model : this.models.defaultModel();
	}

	private static List<String> live(LiveModelsSnapshot snapshot) {
		return snapshot.liveModels().stream().map(ModelName::value).toList();
	}

}
