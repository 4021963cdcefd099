package com.example.classifier.common.test;

import com.example.classifier.common.RedisKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of a Spring test class (usually a {@code @DataRedisTest} slice) on a real, empty Redis: the class's own
 * {@code redis-server} ({@link RedisServerExtension}), the context's {@link StringRedisTemplate} and {@link RedisKeys}
 * on it, and every key deleted before each test.
 */
@ExtendWith(RedisServerExtension.class)
public abstract class RealRedisTests {

	@Autowired
	protected StringRedisTemplate redis;

	@Autowired
	protected RedisKeys keys;

	@DynamicPropertySource
	static void redisProperties(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
	}

	@BeforeEach
	void emptyRedis() {
		RedisServerExtension.flushAll(this.redis);
	}

}
