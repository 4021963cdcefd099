package com.example.classifier.modelservice.model;

import java.nio.file.Path;
import java.util.Map;

import com.example.classifier.modelservice.image.Preprocessing;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class ModelPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void defaultsToTheZooModelWithTopFive() {
		this.runner.run((context) -> {
			ModelProperties properties = context.getBean(ModelProperties.class);
			assertThat(properties.path()).isNull();
			assertThat(properties.preprocessing()).isNull();
			assertThat(properties.labels()).isNull();
			assertThat(properties.name()).isNull();
			assertThat(properties.topK()).isEqualTo(5);
			assertThat(properties.cacheDir())
				.isEqualTo(Path.of(System.getProperty("user.home"), ".cache/image-classifier/models"));
		});
	}

	@Test
	void bindsLowercasePreprocessingAndPaths() {
		this.runner
			.withPropertyValues("model.path=/models/net.h5", "model.preprocessing=torch", "model.labels=/models/l.txt",
					"model.cache-dir=/tmp/cache", "model.top-k=3", "model.name=MobileNetV2")
			.run((context) -> {
				ModelProperties properties = context.getBean(ModelProperties.class);
				assertThat(properties.path()).isEqualTo(Path.of("/models/net.h5"));
				assertThat(properties.preprocessing()).isEqualTo(Preprocessing.TORCH);
				assertThat(properties.labels()).isEqualTo(Path.of("/models/l.txt"));
				assertThat(properties.cacheDir()).isEqualTo(Path.of("/tmp/cache"));
				assertThat(properties.topK()).isEqualTo(3);
				assertThat(properties.name()).isEqualTo("MobileNetV2");
			});
		this.runner.withPropertyValues("model.preprocessing=caffe")
			.run((context) -> assertThat(context.getBean(ModelProperties.class).preprocessing())
				.isEqualTo(Preprocessing.CAFFE));
		this.runner.withPropertyValues("model.preprocessing=tf")
			.run((context) -> assertThat(context.getBean(ModelProperties.class).preprocessing())
				.isEqualTo(Preprocessing.TF));
	}

	@Test
	void bindsEnvironmentVariables() {
		SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("MODEL_PATH", "/models/resnet.zip",
						"MODEL_PREPROCESSING", "caffe", "MODEL_TOP_K", "10", "MODEL_CACHE_DIR", "/var/cache/models"));
		ModelProperties properties = new Binder(ConfigurationPropertySources.from(environment))
			.bind("model", ModelProperties.class)
			.get();
		assertThat(properties.path()).isEqualTo(Path.of("/models/resnet.zip"));
		assertThat(properties.preprocessing()).isEqualTo(Preprocessing.CAFFE);
		assertThat(properties.topK()).isEqualTo(10);
		assertThat(properties.cacheDir()).isEqualTo(Path.of("/var/cache/models"));
	}

	@Test
	void rejectsTopKOutsideOneToTwenty() {
		this.runner.withPropertyValues("model.top-k=0")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("topK"));
		this.runner.withPropertyValues("model.top-k=21")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("topK"));
		this.runner.withPropertyValues("model.top-k=20").run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void rejectsUnknownPreprocessing() {
		this.runner.withPropertyValues("model.preprocessing=imagenet")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ModelProperties.class)
	static class PropertiesConfiguration {

	}

}
