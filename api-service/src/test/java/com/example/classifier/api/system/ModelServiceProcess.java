package com.example.classifier.api.system;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.RedisEndpoint;
import com.example.classifier.common.test.Fixtures;
import com.example.classifier.common.test.Prerequisites;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A real model-service, started from its executable jar as its own JVM (as in production), on the test's Redis, with
 * the MobileNetV2 that ships in its jar. Tests can stop it gracefully or kill it like a crashed host.
 */
public final class ModelServiceProcess implements AutoCloseable {

	private final String workerId;

	private final Process process;

	private final Path log;

	private final int port;

	private ModelServiceProcess(String workerId, Process process, Path log, int port) {
		this.workerId = workerId;
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Starts a worker with the MobileNetV2 that ships in its jar (.h5, torch preprocessing) and the given extra
	 * arguments, logged in to the test's Redis with its credentials, if it has any.
	 */
	public static ModelServiceProcess start(String workerId, RedisEndpoint redis, String... extraArgs)
			throws IOException {
		String jar = System.getProperty("model-service.jar");
		Prerequisites.require(jar != null && new File(jar).isFile(),
				() -> "model-service jar not built at " + jar + "; run the build from the project root");
		Path model = Fixtures.model("mobilenetv2/mobilenetv2-float.h5");
		Path log = Files.createTempFile("model-service-" + workerId + "-", ".log");
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx1g", "-jar", jar,
				"--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
				"--worker.id=" + workerId, "--worker.alive-file=" + log + ".alive", "--server.port=" + port));
		// Always given, so a REDIS_USERNAME / REDIS_PASSWORD in the environment cannot reach a test's worker.
		command.add("--spring.data.redis.username=" + Objects.toString(redis.username(), ""));
		command.add("--spring.data.redis.password=" + Objects.toString(redis.password(), ""));
		// Spring joins repeated options with commas, so a default is added only where the caller gives none.
		for (String option : List.of("--model.path=" + model, "--model.preprocessing=torch")) {
			String key = option.substring(0, option.indexOf('=') + 1);
			if (Arrays.stream(extraArgs).noneMatch((arg) -> arg.startsWith(key))) {
				command.add(option);
			}
		}
		command.addAll(List.of(extraArgs));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new ModelServiceProcess(workerId, process, log, port);
	}

	/** Waits until the worker's heartbeat is in Redis, i.e. its model is loaded and its consumer loop runs. */
	public ModelServiceProcess awaitReady(StringRedisTemplate redis, RedisKeys keys, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!Boolean.TRUE.equals(redis.hasKey(keys.workerHeartbeat(this.workerId)))) {
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("model-service " + this.workerId + " did not become ready:\n" + logText());
			}
			try {
				// Test set-up only: waiting for another process to start.
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		return this;
	}

	/** Port of the worker's actuator endpoints (health, Prometheus). */
	public int port() {
		return this.port;
	}

	public String workerId() {
		return this.workerId;
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** SIGTERM: the worker finishes its batch in hand, then exits. */
	public void stop() {
		this.process.destroy();
		await(Duration.ofSeconds(60));
	}

	/** SIGKILL, like a crashed host. */
	public void kill() {
		this.process.destroyForcibly();
		await(Duration.ofSeconds(10));
	}

	public String logText() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
	}

	private void await(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() throws IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static String javaBinary() {
		return ProcessHandle.current().info().command().orElse("java");
	}

}
