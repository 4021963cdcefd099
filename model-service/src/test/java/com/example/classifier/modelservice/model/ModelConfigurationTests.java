package com.example.classifier.modelservice.model;

import java.nio.file.Path;
import java.util.List;

import com.example.classifier.common.Prediction;
import com.example.classifier.common.test.Fixtures;
import com.example.classifier.modelservice.image.PreparedImage;
import com.example.classifier.modelservice.image.Preprocessing;
import org.junit.jupiter.api.io.TempDir;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ModelConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class, ModelConfiguration.class)
		.withBean(SimpleMeterRegistry.class);

	@Test
	void refusesToStartWithAModelItCannotLoad() {
		this.runner.withPropertyValues("model.path=/nowhere/model.bin")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(ModelLoadingException.class)
				.hasMessageContaining("MODEL_PATH"));
	}

	@Test
	void withNoModelSettingsAndResNet50OutOfReachTheEmbeddedMobileNetV2ClassifiesAndSaysSo(@TempDir Path cache)
			throws Exception {
		// model.download=false stands in for "offline" on any machine: ResNet50 is in no cache, so it cannot be had.
		this.runner.withPropertyValues("model.cache-dir=" + cache, "model.download=false").run((context) -> {
			ImageClassifier classifier = context.getBean(ImageClassifier.class);
			assertThat(classifier.modelId()).isEqualTo("mobilenetv2@382bf201 (offline fallback: resnet50 unavailable)");
			assertThat(((Dl4jImageClassifier) classifier).preprocessing()).isEqualTo(Preprocessing.TORCH);
			List<Prediction> top = classifier.classify(List.of(classifier.prepare(Fixtures.imageBytes("dog.jpg"))))
				.get(0);
			assertThat(top.get(0).label()).isEqualTo("malamute");
		});
	}

	@Test
	void mobilenetv2ByNameIsTheEmbeddedModelWithoutAnyFallbackNote(@TempDir Path cache) {
		this.runner.withPropertyValues("model.cache-dir=" + cache, "model.name=mobilenetv2")
			.run((context) -> assertThat(context.getBean(ImageClassifier.class).modelId())
				.isEqualTo("mobilenetv2@382bf201"));
	}

	@Test
	void kerasLabelsAndSquashResizeApplyToEveryAnswer(@TempDir Path cache) {
		this.runner
			.withPropertyValues("model.cache-dir=" + cache, "model.name=mobilenetv2", "model.label-style=keras",
					"model.resize=squash")
			.run((context) -> {
				ImageClassifier classifier = context.getBean(ImageClassifier.class);
				List<Prediction> top = classifier.classify(List.of(classifier.prepare(Fixtures.imageBytes("eagle.jpg"))))
					.get(0);
				assertThat(top.get(0).label()).isEqualTo("bald_eagle");
				assertThat(top).allSatisfy((prediction) -> assertThat(prediction.label()).doesNotContain(" "));
			});
	}

	@Test
	void resnet50NamedExplicitlyFailsFastWhenItCannotBeHad(@TempDir Path cache) {
		this.runner.withPropertyValues("model.cache-dir=" + cache, "model.name=resnet50", "model.download=false")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(ModelLoadingException.class)
				.hasMessageContaining("resnet50_weights_tf_dim_ordering_tf_kernels.h5")
				.hasMessageContaining("asked for explicitly"));
	}

	@Test
	void exposesTheClassifierAndClosesItWithTheContext() {
		String model = Fixtures.model("mobilenetv2/mobilenetv2-float.h5").toString();
		ImageClassifier[] seen = new ImageClassifier[1];
		this.runner.withPropertyValues("model.path=" + model, "model.top-k=3").run((context) -> {
			ImageClassifier classifier = context.getBean(ImageClassifier.class);
			assertThat(classifier.modelId()).isEqualTo("mobilenetv2-float.h5@382bf201");
			// Unset preprocessing: a Keras file defaults to TORCH (docs/model-preprocessing.md).
			assertThat(((Dl4jImageClassifier) classifier).preprocessing()).isEqualTo(Preprocessing.TORCH);
			seen[0] = classifier;
		});
		assertThatIllegalStateException().isThrownBy(() -> seen[0]
			.classify(List.of(new PreparedImage(new float[224 * 224 * 3]))))
			.withMessageContaining("closed");
	}

	@Test
	void loadsOneDl4jReplicaPerWorkerThreadUnlessToldOtherwise() {
		String model = Fixtures.model("mobilenetv2/mobilenetv2-float.h5").toString();
		this.runner.withPropertyValues("model.path=" + model, "worker.threads=2")
			.run((context) -> assertThat(((Dl4jImageClassifier) context.getBean(ImageClassifier.class)).replicas())
				.hasSize(2));
		this.runner.withPropertyValues("model.path=" + model, "worker.threads=2", "model.replicas=1")
			.run((context) -> assertThat(((Dl4jImageClassifier) context.getBean(ImageClassifier.class)).replicas())
				.hasSize(1));
	}

	@Test
	void oneWorkerThreadWithTwoIntraOpThreadsSplitsBatchesOverTwoSingleThreadedReplicasUnlessTurnedOff() {
		String model = Fixtures.model("mobilenetv2/mobilenetv2-float.h5").toString();
		this.runner.withPropertyValues("model.path=" + model, "worker.threads=1", "model.intra-op-threads=2")
			.run((context) -> assertThat(((Dl4jImageClassifier) context.getBean(ImageClassifier.class)).replicas())
				.hasSize(2));
		this.runner
			.withPropertyValues("model.path=" + model, "worker.threads=1", "model.intra-op-threads=2",
					"model.batch-split=false")
			.run((context) -> assertThat(((Dl4jImageClassifier) context.getBean(ImageClassifier.class)).replicas())
				.hasSize(1));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ModelProperties.class)
	static class PropertiesConfiguration {

	}

}
