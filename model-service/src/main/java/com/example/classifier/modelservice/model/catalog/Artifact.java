package com.example.classifier.modelservice.model.catalog;

import java.net.URI;
import java.util.List;

import com.example.classifier.modelservice.image.Preprocessing;


/**
 * One file that serves a catalogue model, with everything needed to fetch, check and run it.
 *
 * @param fileName the name it is kept under in the cache
 * @param format how it is loaded (and so by which engine)
 * @param checksum its publisher's digest; a file that does not match is never used
 * @param approximateBytes its size, for the log and the manual-download hint
 * @param preprocessing how its weights want pixels normalised
 * @param sources where to get it, tried in order: {@code https:} (or {@code http:}) mirrors, or {@code classpath:}
 * for a file that ships in the jar
 */
public record Artifact(String fileName, ModelFormat format, Checksum checksum, long approximateBytes,
		Preprocessing preprocessing, List<URI> sources) {

	public Artifact {
		sources = List.copyOf(sources);
	}

	/** True for a file inside the jar: always at hand, no network involved. */
	public boolean embedded() {
		return this.sources.stream().allMatch((source) -> "classpath".equals(source.getScheme()));
	}

}
