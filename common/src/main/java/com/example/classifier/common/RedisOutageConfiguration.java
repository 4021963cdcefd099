package com.example.classifier.common;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.resource.Delay;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How both services' Redis client behaves while Redis is gone. Lettuce's defaults would hold every command until the
 * command timeout (a request's 503 after 5 s instead of at once) and back off reconnecting up to 30 s apart (so a
 * long outage is followed by up to 30 s more of failures). Here commands fail at once while disconnected, and the
 * callers' own loops retry; reconnect attempts stay at most a second apart, so service resumes within about a
 * second of Redis returning.
 */
@Configuration(proxyBeanMethods = false)
public class RedisOutageConfiguration {

	static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

	@Bean
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
		return (options) -> options.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
	}

	@Bean
	ClientResourcesBuilderCustomizer reconnectAtLeastEverySecond() {
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ofMillis(20), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS));
	}

}
