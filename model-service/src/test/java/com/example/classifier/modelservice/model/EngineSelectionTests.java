package com.example.classifier.modelservice.model;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import com.example.classifier.common.FileSystemPaths;
import com.example.classifier.common.test.Fixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Which engine runs a model, chosen by {@code model.engine} or the file name, and how ND4J's build is chosen. */
class EngineSelectionTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class, ModelConfiguration.class)
		.withBean(SimpleMeterRegistry.class);

	@Test
	void anOnnxPathSelectsOnnxRuntime() {
		String model = Fixtures.model("mobilenetv2/mobilenetv2-12-int8.onnx").toString();
		this.runner.withPropertyValues("model.path=" + model, "model.intra-op-threads=1").run((context) -> {
			assertThat(context).hasNotFailed();
			ImageClassifier classifier = context.getBean(ImageClassifier.class);
			assertThat(classifier).isInstanceOf(OnnxImageClassifier.class);
			assertThat(classifier.engine()).isEqualTo("onnx");
			assertThat(((OnnxImageClassifier) classifier).intraOpThreads()).isEqualTo(1);
			assertThat(classifier.classify(java.util.List.of(classifier.prepare(Fixtures.imageBytes("dog.jpg"))))
				.get(0)
				.get(0)
				.index()).isEqualTo(249);
		});
	}

	@Test
	void modelEngineOnnxIsAcceptedForAnOnnxFile() {
		String model = Fixtures.model("mobilenetv2/mobilenetv2-12-int8.onnx").toString();
		this.runner.withPropertyValues("model.path=" + model, "model.engine=ONNX")
			.run((context) -> assertThat(context.getBean(ImageClassifier.class))
				.isInstanceOf(OnnxImageClassifier.class));
	}

	@Test
	void anythingElseSelectsDl4j() {
		assertThat(properties("/models/net.h5", null).resolvedEngine()).isEqualTo(Engine.DL4J);
		assertThat(properties("/models/net.zip", null).resolvedEngine()).isEqualTo(Engine.DL4J);
		assertThat(properties(null, null).resolvedEngine()).isEqualTo(Engine.DL4J);
		assertThat(properties("/models/NET.ONNX", null).resolvedEngine()).isEqualTo(Engine.ONNX);
		assertThat(properties("/models/net.h5", Engine.DL4J).resolvedEngine()).isEqualTo(Engine.DL4J);
	}

	@Test
	void withoutAPathAnyEngineIsAcceptedForTheCatalogueToServe() {
		// The catalogue's ResNet50 has a file for each engine (Keras weights for DL4J, the ONNX Model Zoo's for ONNX).
		assertThat(properties(null, Engine.ONNX).resolvedEngine()).isEqualTo(Engine.ONNX);
		assertThat(properties(null, null).resolvedEngine()).isEqualTo(Engine.DL4J);
	}

	@Test
	void anEngineThatCannotRunTheFileRefusesToStart() {
		assertThatExceptionOfType(ModelLoadingException.class)
			.isThrownBy(() -> properties("/models/net.h5", Engine.ONNX).resolvedEngine())
			.withMessageContaining("MODEL_ENGINE")
			.withMessageContaining("MODEL_PATH");
		assertThatExceptionOfType(ModelLoadingException.class)
			.isThrownBy(() -> properties("/models/net.onnx", Engine.DL4J).resolvedEngine())
			.withMessageContaining("MODEL_ENGINE=onnx");
		this.runner.withPropertyValues("model.path=/models/net.h5", "model.engine=onnx")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(ModelLoadingException.class)
				.hasMessageContaining("MODEL_ENGINE"));
	}

	@Test
	void aMissingOnnxFileNamesModelPath() {
		this.runner.withPropertyValues("model.path=/nowhere/net.onnx")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(ModelLoadingException.class)
				.hasMessageContaining("MODEL_PATH")
				.hasMessageContaining("/nowhere/net.onnx"));
	}

	@Test
	void bindsTheEngineSettings() {
		new ApplicationContextRunner().withUserConfiguration(PropertiesConfiguration.class)
			.withPropertyValues("model.engine=onnx", "model.intra-op-threads=3", "model.replicas=2",
					"model.dl4j-natives=onednn-avx512", "model.native-memory-limit=2GB")
			.run((context) -> {
				ModelProperties properties = context.getBean(ModelProperties.class);
				assertThat(properties.engine()).isEqualTo(Engine.ONNX);
				assertThat(properties.intraOpThreads()).isEqualTo(3);
				assertThat(properties.replicas()).isEqualTo(2);
				assertThat(properties.dl4jNatives()).isEqualTo(Dl4jNatives.ONEDNN_AVX512);
				assertThat(properties.nativeMemoryLimit()).isEqualTo(DataSize.ofGigabytes(2));
			});
	}

	@Test
	void bindsRelativePathsThatClimbOutOfTheWorkingDirectory() {
		// MODEL_PATH=../shared/models/... as in the README; Spring's own conversion rejects a leading "..".
		new ApplicationContextRunner().withUserConfiguration(PropertiesConfiguration.class, FileSystemPaths.class)
			.withPropertyValues("model.path=../shared/models/mobilenetv2/mobilenetv2-float.h5",
					"model.labels=../labels.txt")
			.run((context) -> {
				ModelProperties properties = context.getBean(ModelProperties.class);
				assertThat(properties.path()).isEqualTo(Path.of("../shared/models/mobilenetv2/mobilenetv2-float.h5"));
				assertThat(properties.labels()).isEqualTo(Path.of("../labels.txt"));
			});
	}

	@Test
	void bindsTheEngineSettingsFromEnvironmentVariables() {
		SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				Map.of("MODEL_ENGINE", "onnx", "MODEL_INTRA_OP_THREADS", "1", "MODEL_REPLICAS", "3",
						"MODEL_DL4J_NATIVES", "plain", "MODEL_NATIVE_MEMORY_LIMIT", "512MB"));
		ModelProperties properties = new Binder(ConfigurationPropertySources.from(environment))
			.bind("model", ModelProperties.class)
			.get();
		assertThat(properties.engine()).isEqualTo(Engine.ONNX);
		assertThat(properties.intraOpThreads()).isEqualTo(1);
		assertThat(properties.replicas()).isEqualTo(3);
		assertThat(properties.dl4jNatives()).isEqualTo(Dl4jNatives.PLAIN);
		assertThat(properties.nativeMemoryLimit()).isEqualTo(DataSize.ofMegabytes(512));
	}

	@Test
	void engineSettingsDefaultToAllProcessorsOneReplicaPerWorkerThreadAndTheBestBuild() {
		ModelProperties properties = properties(null, null);
		assertThat(properties.resolvedIntraOpThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
		assertThat(properties.replicas()).isNull();
		assertThat(properties.resolvedReplicas(1)).isEqualTo(1);
		assertThat(properties.resolvedReplicas(3)).isEqualTo(3);
		assertThat(properties.withResolvedReplicas(2).replicas()).isEqualTo(2);
		assertThat(properties.withEngine(null, null, 1).resolvedReplicas(3)).as("set explicitly").isEqualTo(1);
		assertThat(properties.dl4jNatives()).isEqualTo(Dl4jNatives.AUTO);
		assertThat(properties.nativeMemoryLimit()).isNull();
	}

	@Test
	void autoPicksTheMostSpecificOneDnnBuildThisCpuCanRun() {
		Set<String> avx512 = Set.of("avx2", "fma", "bmi2", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
		Set<String> avx2 = Set.of("avx2", "fma", "bmi2");
		Set<String> old = Set.of("sse4_2");
		// Everything shipped:
		assertThat(Dl4jRuntime.choose(Dl4jNatives.AUTO, avx512, (natives) -> true))
			.isEqualTo(Dl4jNatives.ONEDNN_AVX512);
		assertThat(Dl4jRuntime.choose(Dl4jNatives.AUTO, avx2, (natives) -> true)).isEqualTo(Dl4jNatives.ONEDNN_AVX2);
		assertThat(Dl4jRuntime.choose(Dl4jNatives.AUTO, old, (natives) -> true)).isEqualTo(Dl4jNatives.ONEDNN);
		// What the service ships: the portable oneDNN build only.
		assertThat(Dl4jRuntime.choose(Dl4jNatives.AUTO, avx512, (natives) -> natives == Dl4jNatives.ONEDNN))
			.isEqualTo(Dl4jNatives.ONEDNN);
		// Nothing with oneDNN:
		assertThat(Dl4jRuntime.choose(Dl4jNatives.AUTO, avx512, (natives) -> natives == Dl4jNatives.PLAIN))
			.isEqualTo(Dl4jNatives.PLAIN);
		// An explicit choice is kept.
		assertThat(Dl4jRuntime.choose(Dl4jNatives.PLAIN, avx512, (natives) -> true)).isEqualTo(Dl4jNatives.PLAIN);
	}

	@Test
	void theServiceShipsThePortableOneDnnBuild() {
		assertThat(Dl4jRuntime.shipped(Dl4jNatives.ONEDNN)).isTrue();
		assertThat(Dl4jRuntime.shipped(Dl4jNatives.PLAIN)).isTrue();
		assertThat(Dl4jRuntime.cpuFlags()).isNotEmpty();
	}

	private static ModelProperties properties(String path, Engine engine) {
		return new ModelProperties((path != null) ? Path.of(path) : null, null, null, null, 5, null)
			.withEngine(engine, null, null);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ModelProperties.class)
	static class PropertiesConfiguration {

	}

}
