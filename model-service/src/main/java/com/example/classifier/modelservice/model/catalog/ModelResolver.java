package com.example.classifier.modelservice.model.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.classifier.modelservice.model.Engine;
import com.example.classifier.modelservice.model.ModelLoadingException;

/**
 * Finds the file for {@code model.name}: from the cache, else from its sources. With no name at all the default,
 * ResNet50, is tried and, if it cannot be had (offline, sources down), the MobileNetV2 that ships in the jar stands in,
 * with a WARN and a model id that says so: the service always runs. A name given explicitly fails fast instead.
 */
public final class ModelResolver {

	private static final Logger log = LoggerFactory.getLogger(ModelResolver.class);

	private final ModelCatalogue catalogue;

	private final ArtifactDownloader downloader;

	private final boolean download;

	/**
	 * @param catalogue the models that can be named
	 * @param downloader fetches into the cache directory
	 * @param download false = never use the network (the cache and the embedded model only)
	 */
	public ModelResolver(ModelCatalogue catalogue, ArtifactDownloader downloader, boolean download) {
		this.catalogue = catalogue;
		this.downloader = downloader;
		this.download = download;
	}

	/**
	 * @param name {@code model.name}; null = the default model, with the embedded fallback
	 * @param engine {@code model.engine}; null = the first engine the model has a file for
	 */
	public ResolvedModel resolve(@Nullable String name, @Nullable Engine engine) {
		boolean explicit = name != null && !name.isBlank();
		CatalogueModel model = this.catalogue.find(explicit ? name : ModelCatalogue.RESNET50)
			.orElseThrow(() -> new ModelLoadingException("MODEL_NAME (model.name) is '" + name + "', which is not in "
					+ "the catalogue " + this.catalogue.names() + "; set MODEL_PATH (model.path) for any other model"));
		Engine chosen = (engine != null) ? engine : model.artifacts().get(0).format().engine();
		List<Artifact> artifacts = model.artifactsFor(chosen);
		if (artifacts.isEmpty()) {
			throw new ModelLoadingException("The model '" + model.name() + "' has no file for the " + chosen
					+ " engine; set MODEL_ENGINE (model.engine) to " + model.artifacts().get(0).format().engine());
		}
		List<String> failures = new ArrayList<>();
		for (Artifact artifact : artifacts) {
			try {
				Path file = this.download || artifact.embedded() ? this.downloader.fetch(artifact)
						: this.downloader.cachedOrFail(artifact);
				return new ResolvedModel(file, artifact, model.name() + "@" + artifact.checksum().shortForm(), false);
			}
			catch (DownloadFailedException | IOException ex) {
				failures.add(ex.getMessage());
			}
		}
		String problem = "The model '" + model.name() + "' (" + model.description() + ") could not be had for the "
				+ chosen + " engine" + (this.download ? "" : " (model.download=false: cache only)") + ":\n"
				+ String.join("\n", failures);
		if (explicit || (engine != null && engine != Engine.DL4J)) {
			throw new ModelLoadingException(problem + "\nMODEL_NAME=" + model.name() + " was asked for explicitly, so "
					+ "the service does not start with another model. Unset MODEL_NAME to fall back to the embedded "
					+ ModelCatalogue.MOBILENETV2 + ", or set MODEL_PATH.");
		}
		return fallback(problem);
	}

	private ResolvedModel fallback(String problem) {
		CatalogueModel embedded = ModelCatalogue.embeddedMobileNetV2();
		Artifact artifact = embedded.artifacts().get(0);
		try {
			Path file = this.downloader.fetch(artifact);
			log.warn("{}\nFALLING BACK to the embedded {} ({}): the service runs, with a smaller model. Answers name it "
					+ "in their 'model' field. Get ResNet50 with ./run-local.sh --fetch-model, or set MODEL_PATH.",
					problem, embedded.name(), embedded.description());
			return new ResolvedModel(file, artifact,
					embedded.name() + "@" + artifact.checksum().shortForm() + " (offline fallback: "
							+ ModelCatalogue.RESNET50 + " unavailable)",
					true);
		}
		catch (DownloadFailedException | IOException ex) {
			throw new ModelLoadingException(problem + "\nThe embedded fallback failed too: " + ex.getMessage(), ex);
		}
	}

}
