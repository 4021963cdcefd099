package com.example.classifier.api.system;

import java.time.Duration;

import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The api's readiness follows its dependencies: a live model worker and Redis. */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.data.redis.timeout=1s")
class ReadinessTests {

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisKeys keys;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
	}

	@Test
	void readyOnlyWithAFreshWorkerHeartbeatAndRedisUp() {
		String readiness = "http://127.0.0.1:" + this.port + "/actuator/health/readiness";

		assertThat(ApiClient.getText(readiness)).contains("\"status\":\"OUT_OF_SERVICE\"").contains("\"alive\":0");

		this.redis.opsForValue().set(this.keys.workerHeartbeat("w1"), "1", Duration.ofSeconds(30));
		assertThat(ApiClient.getText(readiness)).startsWith("{").contains("\"status\":\"UP\"").contains("\"alive\":1");

		RedisServerExtension.process().stop();
		try {
			assertThat(ApiClient.getText(readiness)).contains("\"status\":\"DOWN\"");
			assertThat(ApiClient.getText("http://127.0.0.1:" + this.port + "/actuator/health/liveness"))
				.contains("\"status\":\"UP\"");
		}
		finally {
			RedisServerExtension.process().start();
		}
	}

}
