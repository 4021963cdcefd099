package com.example.classifier.common.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process on a free loopback port, with its own data directory, that a test can stop,
 * kill and start again on the same data.
 */
public final class RedisServer implements RedisEndpoint {

	private final Path dataDir;

	private final List<String> extraArgs;

	private final int port;

	private String username;

	private String password;

	private Process process;

	public RedisServer(Path dataDir, String... extraArgs) {
		this.dataDir = dataDir;
		this.extraArgs = List.of(extraArgs);
		this.port = freePort();
	}

	/**
	 * Requires authentication from the next start on: with a null user, the default user's password
	 * ({@code requirepass}); with a user, that ACL user with every right, and the default user off.
	 */
	public synchronized RedisServer requirePassword(String user, String password) {
		this.username = user;
		this.password = password;
		return this;
	}

	public static boolean isInstalled() {
		try {
			Process p = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
			p.getInputStream().readAllBytes();
			return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	public synchronized RedisServer start() {
		if (this.process != null && this.process.isAlive()) {
			return this;
		}
		try {
			Files.createDirectories(this.dataDir);
			List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(this.port), "--bind",
					"127.0.0.1", "--dir", this.dataDir.toString(), "--save", "", "--appendonly", "no",
					"--protected-mode", "yes", "--logfile", this.dataDir.resolve("redis.log").toString()));
			command.addAll(this.extraArgs);
			command.addAll(authArgs());
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.dataDir.resolve("redis.out").toFile())
				.start();
			awaitPing(Duration.ofSeconds(10));
			return this;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start redis-server (is it installed?)", ex);
		}
	}

	/** Graceful stop: Redis writes its append-only file / snapshot as configured. */
	public synchronized void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		waitForExit();
	}

	/** Hard stop, like a crashed host. */
	public synchronized void kill() {
		if (this.process == null) {
			return;
		}
		this.process.destroyForcibly();
		waitForExit();
	}

	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	@Override
	public String host() {
		return "127.0.0.1";
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public String username() {
		return this.username;
	}

	@Override
	public String password() {
		return this.password;
	}

	public Path dataDir() {
		return this.dataDir;
	}

	private List<String> authArgs() {
		if (this.password == null) {
			return List.of();
		}
		if (this.username == null) {
			return List.of("--requirepass", this.password);
		}
		return List.of("--user", "default", "off", "--user", this.username, "on", ">" + this.password, "~*", "&*",
				"+@all");
	}

	private void waitForExit() {
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	private void awaitPing(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("redis-server exited with " + this.process.exitValue() + "; see "
						+ this.dataDir.resolve("redis.log"));
			}
			if (ping()) {
				return;
			}
			try {
				// Start-up wait for a child process: there is nothing to block on but the socket itself.
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		throw new IllegalStateException("redis-server did not answer PING on port " + this.port);
	}

	private boolean ping() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host(), this.port), 200);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			if (this.password != null) {
				out.write((this.username != null) ? command("AUTH", this.username, this.password)
						: command("AUTH", this.password));
			}
			out.write(command("PING"));
			out.flush();
			InputStream in = socket.getInputStream();
			// +OK (to AUTH) and +PONG, which may arrive in separate reads.
			String expected = ((this.password != null) ? "+OK\r\n" : "") + "+PONG";
			StringBuilder reply = new StringBuilder();
			byte[] buffer = new byte[64];
			while (reply.length() < expected.length()) {
				int read = in.read(buffer);
				if (read < 0) {
					break;
				}
				reply.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
			}
			return reply.toString().startsWith(expected);
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** A command in RESP, so that a password with spaces or quotes is sent as one argument. */
	private static byte[] command(String... args) {
		StringBuilder resp = new StringBuilder("*").append(args.length).append("\r\n");
		for (String arg : args) {
			byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
			resp.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
		}
		return resp.toString().getBytes(StandardCharsets.UTF_8);
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port", ex);
		}
	}

}
