package com.example.classifier.api.system;

import java.time.Duration;

import com.example.classifier.api.system.ApiClient.TextResponse;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.RedisServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The api's readiness follows its dependencies: a live model worker (a heartbeat key that has not expired) and Redis.
 * Probes get the status only; the operator also sees each component and the worker count.
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.data.redis.timeout=1s", "operator.token=" + ApiClient.OPERATOR_TOKEN })
class ReadinessTests {

	private static final String READINESS = "/actuator/health/readiness";

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisKeys keys;

	private ApiClient probe;

	private ApiClient operator;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
	}

	@BeforeEach
	void noWorkers() {
		this.probe = new ApiClient(this.port);
		this.operator = new ApiClient(this.port, ApiClient.OPERATOR_TOKEN);
		RedisServerExtension.flushAll(this.redis);
	}

	@Test
	void readyOnlyWithAFreshWorkerHeartbeatAndRedisUp() {
		TextResponse notReady = this.probe.get(READINESS);
		assertThat(notReady.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(notReady.body()).as("status only, for anyone").isEqualTo("{\"status\":\"OUT_OF_SERVICE\"}");
		assertThat(this.operator.get(READINESS).body()).contains("\"status\":\"OUT_OF_SERVICE\"")
			.contains("\"alive\":0");

		beat("w1", Duration.ofSeconds(30));
		TextResponse ready = this.probe.get(READINESS);
		assertThat(ready.status()).isEqualTo(HttpStatus.OK);
		assertThat(ready.body()).isEqualTo("{\"status\":\"UP\"}");
		assertThat(this.operator.get(READINESS).body()).startsWith("{").contains("\"status\":\"UP\"")
			.contains("\"modelWorkers\"")
			.contains("\"alive\":1");

		RedisServerExtension.process().stop();
		try {
			TextResponse redisDown = this.probe.get(READINESS);
			assertThat(redisDown.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(redisDown.body()).isEqualTo("{\"status\":\"DOWN\"}");
			assertThat(this.operator.get(READINESS).body()).contains("\"status\":\"DOWN\"")
				.contains("Redis unavailable");
			assertThat(this.probe.get("/actuator/health/liveness").body()).isEqualTo("{\"status\":\"UP\"}");
		}
		finally {
			RedisServerExtension.process().start();
		}
	}

	@Test
	void aWorkerWhoseHeartbeatExpiredNoLongerCounts() {
		// One worker beats on; the other's last heartbeat was written with a short TTL (worker.heartbeat-ttl) and it
		// stopped beating, as a crashed or hung worker does.
		beat("steady", Duration.ofSeconds(60));
		beat("crashed", Duration.ofMillis(1500));
		assertThat(this.operator.get(READINESS).body()).contains("\"alive\":2");

		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(this.operator.get(READINESS).body()).contains("\"alive\":1"));
		assertThat(this.probe.get(READINESS).status()).as("one fresh worker is enough").isEqualTo(HttpStatus.OK);

		// Now the last one stops beating too: no fresh heartbeat at all, so requests would only time out.
		this.redis.expire(this.keys.workerHeartbeat("steady"), Duration.ofMillis(500));
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(this.probe.get(READINESS).status())
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
		assertThat(this.probe.get(READINESS).body()).isEqualTo("{\"status\":\"OUT_OF_SERVICE\"}");
		assertThat(this.operator.get(READINESS).body()).contains("\"alive\":0");
	}

	private void beat(String workerId, Duration ttl) {
		this.redis.opsForValue().set(this.keys.workerHeartbeat(workerId), "1", ttl);
	}

}
