package com.example.classifier.modelservice.model.catalog;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.classifier.modelservice.image.Preprocessing;
import com.example.classifier.modelservice.model.Engine;
import com.example.classifier.modelservice.model.ModelLoadingException;

import static com.example.classifier.modelservice.model.catalog.ArtifactDownloaderTests.randomBytes;
import static com.example.classifier.modelservice.model.catalog.ArtifactDownloaderTests.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Which file {@code model.name} ends up with, against a catalogue whose ResNet50 lives on a local server. */
class ModelResolverTests {

	private static final byte[] KERAS = randomBytes(50_000);

	private static final byte[] ONNX = randomBytes(40_000);

	@TempDir
	Path cache;

	private final MirrorServer mirror = MirrorServer.start();

	@AfterEach
	void stop() {
		this.mirror.close();
	}

	@Test
	void theDefaultModelIsResNet50WhenItCanBeHad() {
		ResolvedModel model = resolver(true, reachable()).resolve(null, null);
		assertThat(model.fallback()).isFalse();
		assertThat(model.artifact().format()).isEqualTo(ModelFormat.KERAS_RESNET50_WEIGHTS);
		assertThat(model.modelId()).isEqualTo("resnet50@" + sha256(KERAS).substring(0, 8));
		assertThat(model.file()).hasBinaryContent(KERAS);
	}

	@Test
	void theOnnxEnginePicksTheModelsOnnxFile() {
		ResolvedModel model = resolver(true, reachable()).resolve("resnet50", Engine.ONNX);
		assertThat(model.artifact().format()).isEqualTo(ModelFormat.ONNX);
		assertThat(model.file()).hasBinaryContent(ONNX);
	}

	@Test
	void theDefaultModelOutOfReachFallsBackToTheEmbeddedMobileNetV2AndSaysSo() {
		ResolvedModel model = resolver(true, unreachable()).resolve(null, null);
		assertThat(model.fallback()).isTrue();
		assertThat(model.artifact().format()).isEqualTo(ModelFormat.KERAS_FULL_MODEL);
		assertThat(model.artifact().preprocessing()).isEqualTo(Preprocessing.TORCH);
		assertThat(model.modelId()).isEqualTo("mobilenetv2@382bf201 (offline fallback: resnet50 unavailable)");
		assertThat(this.mirror.requests).extracting(MirrorServer.Request::path).containsExactly("/keras-403.h5");
	}

	@Test
	void aModelNamedExplicitlyFailsFastNamingEverySourceTried() {
		assertThatExceptionOfType(ModelLoadingException.class)
			.isThrownBy(() -> resolver(true, unreachable()).resolve("resnet50", null))
			.withMessageContaining(this.mirror.uri("/keras-403.h5") + " -> IOException: HTTP 403")
			.withMessageContaining("asked for explicitly")
			.withMessageContaining("curl -fL");
	}

	@Test
	void withDownloadsOffOnlyTheCacheCountsAndNothingIsRequested() throws Exception {
		assertThat(resolver(false, reachable()).resolve(null, null).fallback()).isTrue();
		Files.write(this.cache.resolve("keras.h5"), KERAS);
		assertThat(resolver(false, reachable()).resolve(null, null).fallback()).isFalse();
		assertThat(this.mirror.requests).isEmpty();
	}

	@Test
	void anUnknownNameListsTheCatalogue() {
		assertThatExceptionOfType(ModelLoadingException.class)
			.isThrownBy(() -> resolver(true, reachable()).resolve("vgg99", null))
			.withMessageContaining("'vgg99'")
			.withMessageContaining("[resnet50, mobilenetv2]")
			.withMessageContaining("MODEL_PATH");
	}

	private ModelResolver resolver(boolean download, CatalogueModel resnet50) {
		ModelCatalogue catalogue = new ModelCatalogue(List.of(resnet50, ModelCatalogue.embeddedMobileNetV2()));
		return new ModelResolver(catalogue, new ArtifactDownloader(this.cache, Duration.ofSeconds(2),
				Duration.ofSeconds(5)), download);
	}

	private CatalogueModel reachable() {
		return resnet50(this.mirror.serve("/keras.h5", KERAS), this.mirror.serve("/resnet50.onnx", ONNX));
	}

	private CatalogueModel unreachable() {
		return resnet50(this.mirror.refuse("/keras-403.h5", 403), this.mirror.refuse("/onnx-403.onnx", 403));
	}

	private static CatalogueModel resnet50(URI keras, URI onnx) {
		return new CatalogueModel(ModelCatalogue.RESNET50, "test ResNet50", List.of(
				new Artifact("keras.h5", ModelFormat.KERAS_RESNET50_WEIGHTS, Checksum.sha256(sha256(KERAS)),
						KERAS.length, Preprocessing.CAFFE, List.of(keras)),
				new Artifact("resnet50.onnx", ModelFormat.ONNX, Checksum.sha256(sha256(ONNX)), ONNX.length,
						Preprocessing.TORCH, List.of(onnx))));
	}


}
