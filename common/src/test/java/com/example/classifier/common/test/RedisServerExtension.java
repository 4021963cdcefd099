package com.example.classifier.common.test;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * Gives each test class a real Redis: a Testcontainers container when a Docker engine answers, otherwise a local
 * {@code redis-server} process on a free port. Tests see one host and port either way. Use it with
 * {@code @ExtendWith(RedisServerExtension.class)} and register the address with {@link #registerProperties}.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

	/** {@code -Dtest.redis=process} forces a local redis-server even where Docker runs. */
	private static final boolean USE_DOCKER = !"process".equals(System.getProperty("test.redis")) && dockerAvailable();

	private static volatile RedisEndpoint current;

	private static volatile RedisServer currentProcess;

	private GenericContainer<?> container;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		if (USE_DOCKER) {
			this.container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
			this.container.start();
			GenericContainer<?> started = this.container;
			current = new RedisEndpoint() {
				@Override
				public String host() {
					return started.getHost();
				}

				@Override
				public int port() {
					return started.getMappedPort(6379);
				}
			};
			currentProcess = null;
			return;
		}
		Path dataDir = Files.createTempDirectory("redis-" + context.getRequiredTestClass().getSimpleName());
		currentProcess = new RedisServer(dataDir, "--appendonly", "yes", "--appendfsync", "always").start();
		current = currentProcess;
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.container != null) {
			this.container.stop();
		}
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
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable ex) {
			return false;
		}
	}

}
