package com.example.classifier.api.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.example.classifier.api.upload.UploadIndex.Stored;

/** Reads the upload directory, the truth behind {@link UploadIndex}, and deletes partial writes a crash left. */
final class UploadListing {

	private UploadListing() {
	}

	/**
	 * The stored uploads, least recently used first (by file time); partial writes older than {@code partialBefore}
	 * are deleted on the way.
	 */
	static List<Stored> list(Path dir, long partialBefore) throws IOException {
		Files.createDirectories(dir);
		try (Stream<Path> files = Files.list(dir)) {
			return files.map((file) -> read(file, partialBefore))
				.flatMap(Optional::stream)
				.sorted(Comparator.comparingLong(Stored::usedMillis))
				.toList();
		}
	}

	private static Optional<Stored> read(Path file, long partialBefore) {
		String name = file.getFileName().toString();
		try {
			long modified = Files.getLastModifiedTime(file).toMillis();
			if (name.startsWith(UploadStore.PARTIAL_PREFIX) && modified < partialBefore) {
				Files.deleteIfExists(file);
			}
			return UploadQuota.STORED_NAME.matcher(name).matches() && Files.isRegularFile(file)
					? Optional.of(new Stored(name, Files.size(file), modified)) : Optional.empty();
		}
		catch (IOException ex) {
			// Deleted meanwhile (another instance's sweep): nothing to count.
			return Optional.empty();
		}
	}

}
