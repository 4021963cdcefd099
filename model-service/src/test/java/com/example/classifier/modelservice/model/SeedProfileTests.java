package com.example.classifier.modelservice.model;

import java.io.IOException;

import com.example.classifier.modelservice.image.Preprocessing;
import com.example.classifier.modelservice.image.Resize;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code seed} profile sets every model setting the seed system's answers depend on. */
class SeedProfileTests {

	@Test
	void theSeedProfileChoosesKerasResNet50CaffeSquashAndKerasLabels() throws IOException {
		var sources = new YamlPropertySourceLoader().load("seed",
				new ClassPathResource("application-seed.yml"));
		ModelProperties properties = new Binder(ConfigurationPropertySources.from(sources))
			.bindOrCreate("model", ModelProperties.class);
		assertThat(properties.name()).isEqualTo("resnet50");
		assertThat(properties.path()).isNull();
		assertThat(properties.preprocessing()).isEqualTo(Preprocessing.CAFFE);
		assertThat(properties.resize()).isEqualTo(Resize.SQUASH);
		assertThat(properties.labelStyle()).isEqualTo(LabelStyle.KERAS);
	}

}
