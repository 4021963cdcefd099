package com.example.classifier.common.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Gives each test class a real Redis: a local {@code redis-server} process on a free loopback port, with its own data
 * directory, that tests can stop, kill and restart. Always a process, never a container: a Docker daemon that happens
 * to run (CI starts one for the compose check) must not change which Redis the tests use, and with no registry
 * reachable Testcontainers hung for minutes retrying image pulls. Use it with
 * {@code @ExtendWith(RedisServerExtension.class)} and register the address with {@link #registerProperties}; add
 * {@link RedisPassword @RedisPassword} for a Redis that requires a password.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

	private static volatile RedisEndpoint current;

	private static volatile RedisServer currentProcess;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		Path dataDir = Files.createTempDirectory("redis-" + context.getRequiredTestClass().getSimpleName());
		RedisServer server = new RedisServer(dataDir, "--appendonly", "yes", "--appendfsync", "always");
		AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RedisPassword.class)
			.ifPresent((auth) -> server.requirePassword(auth.user().isEmpty() ? null : auth.user(), auth.value()));
		currentProcess = server.start();
		current = currentProcess;
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (currentProcess != null) {
			currentProcess.stop();
		}
	}

	/** The Redis of the running test class. */
	public static RedisEndpoint endpoint() {
		if (current == null) {
			throw new IllegalStateException("Annotate the test class with @ExtendWith(RedisServerExtension.class)");
		}
		return current;
	}

	/** The local process behind {@link #endpoint()}, for tests that stop and restart Redis. */
	public static RedisServer process() {
		if (currentProcess == null) {
			throw new IllegalStateException("This test needs a local redis-server process");
		}
		return currentProcess;
	}

	/** Empties the test's Redis, for tests that each start from nothing. */
	public static void flushAll(RedisOperations<?, ?> redis) {
		redis.execute((RedisCallback<Void>) (connection) -> {
			connection.serverCommands().flushAll();
			return null;
		});
	}

	public static void registerProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", () -> endpoint().host());
		registry.add("spring.data.redis.port", () -> endpoint().port());
		// Always registered, so a password from the environment (REDIS_PASSWORD) cannot leak into a test that has none.
		registry.add("spring.data.redis.username", () -> Objects.toString(endpoint().username(), ""));
		registry.add("spring.data.redis.password", () -> Objects.toString(endpoint().password(), ""));
	}

}
