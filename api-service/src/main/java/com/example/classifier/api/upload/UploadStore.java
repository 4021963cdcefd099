package com.example.classifier.api.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps uploads on disk under their content hash, so the same photo is stored once and no user-supplied name ever
 * reaches the file system. Every write stays within the directory's bounds ({@link UploadQuota}).
 */
@Component
public class UploadStore {

	private static final Logger log = LoggerFactory.getLogger(UploadStore.class);

	/** Partial writes; the sweep deletes those a crash left behind. */
	static final String PARTIAL_PREFIX = ".upload-";

	private final Path dir;

	private final UploadQuota quota;

	private final Clock clock;

	/** The clock and the registry are optional: MVC slice tests use the store without either. */
	@Autowired
	UploadStore(UploadProperties properties, ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> meters) {
		this(properties, clock.getIfAvailable(Clock::systemUTC), meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	UploadStore(UploadProperties properties, Clock clock, MeterRegistry meters) {
		this.dir = properties.dir().toAbsolutePath().normalize();
		this.quota = new UploadQuota(properties, clock, meters);
		this.clock = clock;
	}

	/**
	 * Stores the bytes (once per content) and returns the stored name, e.g. {@code <sha256>.jpg}. Content stored
	 * already counts as used now, so it is kept as long as a new upload would be.
	 * @return the stored name, or null when no stored upload may make room for it (the upload is classified all the
	 * same; only its page shows no picture)
	 */
	public @Nullable String store(byte[] bytes, String sha256, ImageFormat format) {
		String name = sha256 + "." + format.extension();
		Path target = this.dir.resolve(name);
		try {
			if (touch(target)) {
				this.quota.used(name, bytes.length);
				return name;
			}
			if (!this.quota.reserve(bytes.length)) {
				// Counted (classifier.uploads.storage.refused); one line per upload would flood the log under load.
				log.debug("Upload {} not kept: the upload directory is full of uploads younger than upload.min-age", name);
				return null;
			}
			try {
				write(bytes, target);
				// The file's time is its last use: the sweep reads it back after a restart or from other instances.
				touch(target);
				this.quota.stored(name, bytes.length);
			}
			catch (IOException | RuntimeException ex) {
				this.quota.abandoned(bytes.length);
				throw ex;
			}
			return name;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not store upload " + name, ex);
		}
	}

	/**
	 * Deletes a stored upload no page will show: its job failed (a worker could not decode it). Refused uploads leave
	 * nothing behind, also those refused only by the worker.
	 */
	public void discard(@Nullable String name) {
		if (name == null) {
			return;
		}
		this.quota.discard(name);
	}

	/** See {@link UploadQuota#sweep()}. */
	void sweep() {
		this.quota.sweep();
	}

	UploadQuota quota() {
		return this.quota;
	}

	/** The file of a name this store created; empty for any other name (no path traversal). */
	public Optional<Path> find(String name) {
		if (name == null || !UploadQuota.STORED_NAME.matcher(name).matches()) {
			return Optional.empty();
		}
		Path file = this.dir.resolve(name);
		return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
	}

	/** Marks stored content as used now; false when it is not (or no longer) stored. */
	private boolean touch(Path target) throws IOException {
		try {
			Files.setLastModifiedTime(target, FileTime.fromMillis(this.clock.millis()));
			return true;
		}
		catch (NoSuchFileException ex) {
			return false;
		}
	}

	private void write(byte[] bytes, Path target) throws IOException {
		Files.createDirectories(this.dir);
		Path temp = Files.createTempFile(this.dir, PARTIAL_PREFIX, ".part");
		try {
			Files.write(temp, bytes);
			moveIntoPlace(temp, target);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	private static void moveIntoPlace(Path temp, Path target) throws IOException {
		try {
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (FileAlreadyExistsException ex) {
			// Another request stored the same content first: same bytes, nothing to do.
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
