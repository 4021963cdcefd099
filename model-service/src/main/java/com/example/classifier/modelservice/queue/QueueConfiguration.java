package com.example.classifier.modelservice.queue;

import java.time.Clock;

import com.example.classifier.common.JobCodec;
import com.example.classifier.common.RedisKeys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class QueueConfiguration {

	@Bean
	RedisKeys redisKeys(QueueProperties properties) {
		return new RedisKeys(properties.keyPrefix());
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
