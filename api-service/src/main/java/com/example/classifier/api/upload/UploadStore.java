package com.example.classifier.api.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Keeps uploads on disk under their content hash, so the same photo is stored once and no user-supplied name ever
 * reaches the file system.
 */
@Component
public class UploadStore {

	private static final Pattern STORED_NAME = Pattern.compile("[0-9a-f]{64}\\.[a-z]{3,4}");

	private final Path dir;

	UploadStore(UploadProperties properties) {
		this.dir = properties.dir().toAbsolutePath().normalize();
	}

	/** Stores the bytes (once per content) and returns the stored name, e.g. {@code <sha256>.jpg}. */
	public String store(byte[] bytes, String sha256, ImageFormat format) {
		String name = sha256 + "." + format.extension();
		Path target = this.dir.resolve(name);
		if (Files.exists(target)) {
			return name;
		}
		try {
			Files.createDirectories(this.dir);
			Path temp = Files.createTempFile(this.dir, ".upload-", ".part");
			try {
				Files.write(temp, bytes);
				moveIntoPlace(temp, target);
			}
			finally {
				Files.deleteIfExists(temp);
			}
			return name;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not store upload " + name, ex);
		}
	}

	/** The file of a name this store created; empty for any other name (no path traversal). */
	public Optional<Path> find(String name) {
		if (name == null || !STORED_NAME.matcher(name).matches()) {
			return Optional.empty();
		}
		Path file = this.dir.resolve(name);
		return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
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
