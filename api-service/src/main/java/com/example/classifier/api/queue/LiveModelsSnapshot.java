package com.example.classifier.api.queue;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.example.classifier.common.ModelName;
import com.example.classifier.common.WorkerAnnouncement;

/**
 * Which models have live workers, and what those workers announced, as {@link LiveModels} last read it.
 *
 * @param defaultModel {@code queue.default-model}
 * @param live the announcements of the live workers, by model
 * @param seen every model seen alive by this instance, with its latest announcement
 */
public record LiveModelsSnapshot(ModelName defaultModel, Map<ModelName, List<WorkerAnnouncement>> live,
		Map<ModelName, WorkerAnnouncement> seen) {

	private static final Comparator<ModelName> BY_NAME = Comparator.comparing(ModelName::value);

	/** Live workers of the model. */
	public int workers(ModelName model) {
		return this.live.getOrDefault(model, List.of()).size();
	}

	/** Live workers of every model. */
	public int workers() {
		return this.live.values().stream().mapToInt(List::size).sum();
	}

	/**
	 * Jobs the model's live workers take at once: one batch per consumer thread of each. 0 when none is live or
	 * one does not tell (a worker of an older format).
	 */
	public int jobsTakenAtOnce(ModelName model) {
		List<WorkerAnnouncement> workers = this.live.getOrDefault(model, List.of());
		boolean allTell = workers.stream().allMatch((worker) -> worker.jobsTakenAtOnce() > 0);
		return allTell ? workers.stream().mapToInt(WorkerAnnouncement::jobsTakenAtOnce).sum() : 0;
	}

	/** The default model, and every model seen alive. */
	public boolean isKnown(ModelName model) {
		return model.equals(this.defaultModel) || this.seen.containsKey(model) || this.live.containsKey(model);
	}

	/** The models with a live worker now, sorted by name. */
	public List<ModelName> liveModels() {
		return this.live.keySet().stream().sorted(BY_NAME).toList();
	}

	/** Every known model, sorted by name: the default, and those seen alive. */
	public List<ModelName> knownModels() {
		Set<ModelName> names = new TreeSet<>(BY_NAME);
		names.add(this.defaultModel);
		names.addAll(this.seen.keySet());
		names.addAll(this.live.keySet());
		return List.copyOf(names);
	}

}
