package com.example.classifier.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LoadSettingsTests {

	@Test
	void spreadsUsersOverEveryApiInstanceAndRampsAtTheSpawnRate() {
		LoadSettings settings = LoadSettings.from(Map.of("users", "1500", "spawnRate", "150", "holdSeconds", "48",
				"baseUrls", "http://127.0.0.1:28080, http://127.0.0.1:28081")::get);
		assertThat(settings.baseUrls()).containsExactly("http://127.0.0.1:28080", "http://127.0.0.1:28081");
		assertThat(settings.apiMetrics()).containsExactly(URI.create("http://127.0.0.1:28080/actuator/prometheus"),
				URI.create("http://127.0.0.1:28081/actuator/prometheus"));
		assertThat(settings.ramp()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.hold()).isEqualTo(Duration.ofSeconds(48));
		assertThat(settings.uniqueUploads()).isTrue();
		assertThat(settings.operatorToken()).isNull();
		assertThat(settings.models().isEmpty()).as("no model field unless a mix is given").isTrue();
	}

	@Test
	void readsTheModelMixAimedAtSeveralModels() {
		LoadSettings settings = LoadSettings.from(Map.of("models", "resnet50=0.7,mobilenetv2=0.3")::get);
		assertThat(settings.models().shares()).extracting(ModelMix.Share::model)
			.containsExactly("resnet50", "mobilenetv2");
	}

	@Test
	void carriesTheOperatorTokenForTheApisPrometheusEndpoint() {
		LoadSettings settings = LoadSettings.from(Map.of("operatorToken", "loadtest-operator-token-123")::get);
		assertThat(settings.operatorToken()).isEqualTo("loadtest-operator-token-123");
	}

}
