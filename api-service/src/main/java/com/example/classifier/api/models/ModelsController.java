package com.example.classifier.api.models;

import java.util.ArrayList;
import java.util.List;

import com.example.classifier.api.queue.LiveModels;
import com.example.classifier.api.queue.LiveModelsSnapshot;
import com.example.classifier.api.queue.ModelQueues;
import com.example.classifier.common.ModelName;
import com.example.classifier.common.WorkerAnnouncement;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /models}: the models a request may choose, live or down, as the workers announce them. */
@RestController
class ModelsController {

	private final LiveModels models;

	private final ModelQueues queues;

	ModelsController(LiveModels models, ModelQueues queues) {
		this.models = models;
		this.queues = queues;
	}

	@Operation(summary = "The models to choose from",
			description = "Every model with a live worker, and those seen alive since this instance started whose "
					+ "workers are all down, sorted by name: engine, model id, input size, labels, live workers, "
					+ "queue depth and limit, measured images per second. `default` is the model of requests that "
					+ "name none. Learnt from the workers' heartbeats, at most a second old.")
	@GetMapping(path = "/models", produces = MediaType.APPLICATION_JSON_VALUE)
	ModelsResponse models() {
		LiveModelsSnapshot snapshot = this.models.snapshot();
		List<ModelName> names = snapshot.knownModels();
		List<Long> depths = this.queues.depths(names);
		List<ModelView> views = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			views.add(view(snapshot, names.get(i), depths.get(i)));
		}
		return new ModelsResponse(snapshot.defaultModel().value(), views);
	}

	private ModelView view(LiveModelsSnapshot snapshot, ModelName name, long depth) {
		List<WorkerAnnouncement> live = snapshot.live().getOrDefault(name, List.of());
		WorkerAnnouncement latest = live.stream()
			.filter((announced) -> announced.modelId() != null)
			.findFirst()
			.orElse(snapshot.seen().get(name));
		return ModelView.of(name, name.equals(snapshot.defaultModel()), latest, live, depth, this.queues.find(name));
	}

	/**
	 * @param defaultModel the model of requests that name none
	 * @param models every known model, sorted by name
	 */
	record ModelsResponse(String defaultModel, List<ModelView> models) {
	}

}
