package com.example.classifier.api.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.example.classifier.api.upload.UploadIndex.Stored;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the upload directory within {@code upload.max-total-size} and {@code upload.max-files}: a write first makes
 * room by evicting the least recently used uploads, but never one younger than {@code upload.min-age} (its job or its
 * result page may still need it); when no upload can go, the upload is not kept (it is still classified: the worker
 * reads the photo from Redis, only its page misses the picture). Before, every accepted upload stayed for good, and a
 * 1×1 JPEG padded to 10 MB (decoded in microseconds) filled the disk at upload speed. Refusing the upload instead (507)
 * made the copy for the page the bottleneck: with the defaults (1 GB, 20 min) sustained 12 MP phone photos got 507 past
 * about 0.6 uploads/s (EndToEndBenchmark, 2026-11-30).
 */
final class UploadQuota {

	private static final Logger log = LoggerFactory.getLogger(UploadQuota.class);

	static final Pattern STORED_NAME = Pattern.compile("[0-9a-f]{64}\\.[a-z]{3,4}");

	private final Path dir;

	private final UploadProperties properties;

	private final Clock clock;

	private final UploadIndex index = new UploadIndex();

	private final MeterRegistry meters;

	private final Counter refused;

	UploadQuota(UploadProperties properties, Clock clock, MeterRegistry meters) {
		this.dir = properties.dir().toAbsolutePath().normalize();
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		Gauge.builder("classifier.uploads.stored.bytes", this.index, UploadIndex::bytes)
			.description("Bytes of stored uploads in upload.dir")
			.baseUnit("bytes")
			.register(meters);
		Gauge.builder("classifier.uploads.stored.files", this.index, UploadIndex::files)
			.description("Stored uploads in upload.dir")
			.register(meters);
		this.refused = Counter.builder("classifier.uploads.storage.refused")
			.description("Uploads classified without a stored copy because no stored upload was old enough to make room")
			.register(meters);
		rebuild();
	}

	/**
	 * Makes room and holds it until {@link #stored} or {@link #abandoned} is called with the same size.
	 * @return false, holding nothing, when no stored upload may go to make room
	 */
	synchronized boolean reserve(long size) {
		long maxBytes = this.properties.maxTotalSize().toBytes();
		while (!this.index.fits(size, maxBytes, this.properties.maxFiles())) {
			String reason = this.index.fits(size, maxBytes, Integer.MAX_VALUE) ? "count" : "size";
			if (!evictLeastRecentlyUsed(reason)) {
				this.refused.increment();
				return false;
			}
		}
		this.index.reserve(size);
		return true;
	}

	void stored(String name, long size) {
		this.index.used(new Stored(name, size, this.clock.millis()));
		this.index.unreserve(size);
	}

	void abandoned(long size) {
		this.index.unreserve(size);
	}

	/** The same content was uploaded again: it counts as used now. */
	void used(String name, long size) {
		this.index.used(new Stored(name, size, this.clock.millis()));
	}

	/** Deletes one stored upload at once (see {@link UploadStore#discard}). */
	void discard(String name) {
		if (STORED_NAME.matcher(name).matches()) {
			this.index.remove(name);
			try {
				Files.deleteIfExists(this.dir.resolve(name));
			}
			catch (IOException ex) {
				log.warn("Could not delete stored upload {}: {}", name, ex.getMessage());
			}
		}
	}

	/**
	 * Re-reads the directory (the truth, which other api instances may share), deletes uploads unused for
	 * {@code upload.max-age} and left-over partial writes, then evicts down to the bounds.
	 */
	synchronized void sweep() {
		rebuild();
		long expired = this.clock.millis() - this.properties.maxAge().toMillis();
		Optional<Stored> oldest;
		while ((oldest = this.index.leastRecentlyUsed()).isPresent() && oldest.get().usedMillis() < expired) {
			delete(oldest.get(), "age");
		}
		while (this.index.exceeds(this.properties.maxTotalSize().toBytes(), this.properties.maxFiles())
				&& evictLeastRecentlyUsed("size")) {
			// Each round evicts one upload older than min-age.
		}
	}

	long storedBytes() {
		return this.index.bytes();
	}

	int storedFiles() {
		return this.index.files();
	}

	private boolean evictLeastRecentlyUsed(String reason) {
		Optional<Stored> oldest = this.index.leastRecentlyUsed();
		long youngestEvictable = this.clock.millis() - this.properties.minAge().toMillis();
		if (oldest.isEmpty() || oldest.get().usedMillis() > youngestEvictable) {
			return false;
		}
		delete(oldest.get(), reason);
		return true;
	}

	private void delete(Stored stored, String reason) {
		try {
			Files.deleteIfExists(this.dir.resolve(stored.name()));
		}
		catch (IOException ex) {
			log.warn("Could not delete stored upload {}: {}", stored.name(), ex.getMessage());
		}
		this.index.remove(stored.name());
		Counter.builder("classifier.uploads.evicted")
			.description("Stored uploads deleted to stay within upload.max-age, max-total-size and max-files")
			.tag("reason", reason.toLowerCase(Locale.ROOT))
			.register(this.meters)
			.increment();
	}

	private void rebuild() {
		long listedSince = this.clock.millis();
		try {
			List<Stored> listed = UploadListing.list(this.dir,
					listedSince - this.properties.sweepInterval().toMillis());
			this.index.replaceAll(listed, listedSince);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the upload directory " + this.dir, ex);
		}
	}

}
