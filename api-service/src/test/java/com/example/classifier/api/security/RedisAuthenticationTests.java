package com.example.classifier.api.security;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import com.example.classifier.api.ApiServiceApplication;
import com.example.classifier.api.system.ApiClient;
import com.example.classifier.api.system.ApiClient.Response;
import com.example.classifier.api.system.ModelServiceProcess;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.Fixtures;
import com.example.classifier.common.test.RedisEndpoint;
import com.example.classifier.common.test.RedisPassword;
import com.example.classifier.common.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Redis that requires a login, as deployed: an ACL user with a password and the default user off. The api (here, from
 * the test's properties) and a real model-service process (from its command line) log in with REDIS_USERNAME /
 * REDIS_PASSWORD's properties, their blocking readers included, and a photo is answered. An api with no password or
 * a wrong one starts, is not ready and refuses work at once: it does not hang.
 */
@ExtendWith(RedisServerExtension.class)
@RedisPassword(user = "classifier", value = "redis secret with spaces 'and' quotes")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "queue.request-timeout=90s", "queue.instance-id=redis-auth-api",
				"upload.dir=${java.io.tmpdir}/redis-auth-uploads" })
class RedisAuthenticationTests {

	private static final Duration NO_HANG = Duration.ofSeconds(30);

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
	void theApiAndAModelServiceLoggedInWithThePasswordAnswerAPhoto() throws Exception {
		try (ModelServiceProcess worker = ModelServiceProcess.start("redis-auth-worker",
				RedisServerExtension.endpoint())) {
			// The heartbeat is written by the worker's own connection: it logged in.
			worker.awaitReady(this.redis, this.keys, Duration.ofSeconds(180));
			ApiClient api = new ApiClient(this.port);

			// The api's reply listener (a blocking BLPOP on its own connection) must be logged in for this answer.
			Response answer = api.predict(Fixtures.imageBytes("dog.jpg"), "dog.jpg");

			assertThat(answer.status()).as(answer.body().toString()).isEqualTo(HttpStatus.OK);
			assertThat(answer.body().get("predictions").get(0).get("index").asInt()).isEqualTo(249);
			assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(HttpStatus.OK);
		}
	}

	@Test
	void anApiWithoutThePasswordOrWithAWrongOneIsNotReadyAndRefusesWorkWithoutHanging() throws Exception {
		RedisEndpoint redis = RedisServerExtension.endpoint();
		for (List<String> credentials : List.of(List.of("", ""), List.of(redis.username(), "wrong password"),
				List.of("", redis.password()))) {
			try (ConfigurableApplicationContext api = startApi(redis, credentials.get(0), credentials.get(1))) {
				ApiClient client = new ApiClient(((WebServerApplicationContext) api).getWebServer().getPort());
				assertTimeoutPreemptively(NO_HANG, () -> {
					assertThat(client.get("/actuator/health/readiness").status()).as(credentials.toString())
						.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
					Response refused = client.predict(Fixtures.imageBytes("dog.jpg"), "dog.jpg");
					assertThat(refused.status()).as(credentials.toString()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
					assertThat(refused.body().get("success").asBoolean()).isFalse();
				});
			}
		}
	}

	private static ConfigurableApplicationContext startApi(RedisEndpoint redis, String username, String password)
			throws Exception {
		return new SpringApplicationBuilder(ApiServiceApplication.class).run("--server.port=0",
				"--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
				"--spring.data.redis.username=" + username, "--spring.data.redis.password=" + password,
				"--spring.data.redis.timeout=1s", "--queue.instance-id=locked-out-api",
				"--upload.dir=" + Files.createTempDirectory("locked-out-uploads"));
	}

}
