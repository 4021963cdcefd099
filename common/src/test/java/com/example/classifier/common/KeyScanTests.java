package com.example.classifier.common;

import com.example.classifier.common.test.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SCAN through the services' client (Jedis) on a real redis-server, up and stopped. */
@ExtendWith(RedisServerExtension.class)
class KeyScanTests {

	private JedisConnectionFactory connections;

	private StringRedisTemplate redis;

	@BeforeEach
	void connect() {
		this.connections = new JedisConnectionFactory(new RedisStandaloneConfiguration(
				RedisServerExtension.endpoint().host(), RedisServerExtension.endpoint().port()));
		this.connections.afterPropertiesSet();
		this.connections.start();
		this.redis = new StringRedisTemplate(this.connections);
		RedisServerExtension.flushAll(this.redis);
	}

	@AfterEach
	void disconnect() {
		this.connections.destroy();
	}

	@Test
	void findsEveryMatchingKeyAcrossScanPages() {
		for (int i = 0; i < 250; i++) {
			this.redis.opsForValue().set("classifier:worker:w" + i, "1");
		}
		this.redis.opsForValue().set("classifier:jobs", "not a worker");

		assertThat(KeyScan.keys(this.redis, "classifier:worker:*")).hasSize(250)
			.allSatisfy((key) -> assertThat(key).startsWith("classifier:worker:w"));
	}

	@Test
	void aStoppedRedisIsADataAccessExceptionLikeForAnyOtherCommand() {
		RedisServerExtension.process().stop();
		try {
			assertThatThrownBy(() -> KeyScan.keys(this.redis, "classifier:worker:*"))
				.isInstanceOf(DataAccessException.class);
		}
		finally {
			RedisServerExtension.process().start();
		}
	}

}
