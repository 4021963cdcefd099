package com.example.classifier.modelservice.model;

import java.nio.file.Path;

import com.example.classifier.common.ModelName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The name a worker is routed by: model.name, else the file's base name, else resnet50. */
class ServedModelNameTests {

	@Test
	void modelNameIsTheRouteNameLowerCased() {
		assertThat(properties("/models/x.onnx", "MobileNetV2-Int8").routeName())
			.isEqualTo(ModelName.of("mobilenetv2-int8"));
		assertThat(properties(null, "mobilenetv2").routeName()).isEqualTo(ModelName.of("mobilenetv2"));
	}

	@Test
	void withAPathAndNoNameItIsTheFilesBaseNameWithoutExtension() {
		assertThat(properties("/models/MobileNetV2-float.h5", null).routeName())
			.isEqualTo(ModelName.of("mobilenetv2-float"));
		assertThat(properties("/models/resnet50-v1-12.onnx", null).routeName())
			.isEqualTo(ModelName.of("resnet50-v1-12"));
		assertThat(properties("/models/My Model.zip", null).routeName()).isEqualTo(ModelName.of("my-model"));
	}

	@Test
	void withNeitherItIsTheCataloguesDefault() {
		assertThat(ModelProperties.defaults().routeName()).isEqualTo(ModelName.RESNET50);
	}

	@Test
	void aNameRequestsCouldNotChooseStopsTheWorkerWithTheRule() {
		assertThatExceptionOfType(ModelLoadingException.class)
			.isThrownBy(() -> properties("/models/x.onnx", "my model:v2").routeName())
			.withMessageContaining("MODEL_NAME")
			.withMessageContaining("a-z, 0-9");
	}

	private static ModelProperties properties(String path, String name) {
		return new ModelProperties((path != null) ? Path.of(path) : null, null, null, null, 5, name);
	}

}
