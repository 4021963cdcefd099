package com.example.classifier.loadtest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every request the simulated users made, one CSV line each, for the report. Gatling's own log is a binary format of
 * its internals, so the simulation keeps this plain record itself. Users append from Gatling's event loops without
 * blocking (a lock-free queue); the sampler's thread writes the queue out once a second.
 */
public final class RequestLog implements AutoCloseable {

	/** {@code model}: the model the request asked for (issue #18), empty when it named none. */
	public static final String HEADER = "start_ms,endpoint,status,response_ms,cached,model";

	private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();

	private final BufferedWriter out;

	public RequestLog(Path file) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
			this.out.write(HEADER);
			this.out.newLine();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

	/**
	 * @param status HTTP status, 0 when no response came (connection refused or reset, client timeout)
	 * @param cached whether the service said it answered from its result cache
	 * @param model the model the request asked for, null when none (the default model)
	 */
	public void record(long startMillis, String endpoint, int status, long responseMillis, boolean cached,
			String model) {
		this.pending.add(startMillis + "," + endpoint + "," + status + "," + responseMillis + "," + (cached ? 1 : 0)
				+ "," + ((model != null) ? model : ""));
	}

	/** Writes what was recorded so far; called by one thread at a time. */
	public synchronized void flush() {
		try {
			for (String line = this.pending.poll(); line != null; line = this.pending.poll()) {
				this.out.write(line);
				this.out.newLine();
			}
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public synchronized void close() {
		flush();
		try {
			this.out.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
