package com.example.classifier.common;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The queue beans both services need, defined once: the key names (from {@code queue.key-prefix} and
 * {@code queue.default-model}, which each
 * service's {@code QueueProperties} also validates and documents), the wire codec and the clock.
 */
@Configuration(proxyBeanMethods = false)
public class QueueBeans {

	@Bean
	RedisKeys redisKeys(@Value("${queue.key-prefix:classifier}") String keyPrefix,
			@Value("${queue.default-model:resnet50}") String defaultModel) {
		return new RedisKeys(keyPrefix, ModelName.of(defaultModel));
	}

	@Bean
	JobCodec jobCodec() {
		return new JobCodec();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
