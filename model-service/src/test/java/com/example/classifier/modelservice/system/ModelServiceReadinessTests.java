package com.example.classifier.modelservice.system;

import com.example.classifier.common.test.RedisServerExtension;
import com.example.classifier.common.test.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's readiness: its HTTP port opens only after the model is loaded and warmed up (so a loading worker is
 * never ready), then reports the model, and goes down with Redis.
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.data.redis.timeout=1s")
class ModelServiceReadinessTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
		registry.add("model.path", () -> Fixtures.model("mobilenetv2/mobilenetv2-float.h5").toString());
		registry.add("model.preprocessing", () -> "torch");
	}

	@Test
	void readyWithItsModelAndRedisNotReadyWithoutRedis() {
		assertThat(get("/actuator/health/readiness")).contains("\"status\":\"UP\"")
			.contains("mobilenetv2-float.h5@382bf201")
			.contains("\"engine\":\"dl4j\"");

		RedisServerExtension.process().stop();
		try {
			assertThat(get("/actuator/health/readiness")).contains("\"status\":\"DOWN\"");
			assertThat(get("/actuator/health/liveness")).contains("\"status\":\"UP\"");
		}
		finally {
			RedisServerExtension.process().start();
		}
	}

	private String get(String path) {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.build()
			.get()
			.uri("http://127.0.0.1:" + this.port + path)
			.exchange((request, response) -> new String(response.getBody().readAllBytes()));
	}

}
