package com.example.classifier.api.upload;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stored uploads, least recently used first, with their sizes and what they add up to, plus the room reserved
 * for uploads being written. Kept in memory so that making room for a write does not list the directory; the sweep
 * rebuilds it from the directory, which stays the truth (several api instances may share it).
 */
final class UploadIndex {

	/** Insertion order is use order: every use is "now", so re-inserting a used entry keeps the map sorted. */
	private final LinkedHashMap<String, Stored> entries = new LinkedHashMap<>();

	private long bytes;

	private long reservedBytes;

	private int reservedFiles;

	synchronized void used(Stored stored) {
		remove(stored.name());
		this.entries.put(stored.name(), stored);
		this.bytes += stored.size();
	}

	synchronized Optional<Stored> remove(String name) {
		Stored removed = this.entries.remove(name);
		if (removed != null) {
			this.bytes -= removed.size();
		}
		return Optional.ofNullable(removed);
	}

	synchronized Optional<Stored> leastRecentlyUsed() {
		Iterator<Stored> oldest = this.entries.values().iterator();
		return oldest.hasNext() ? Optional.of(oldest.next()) : Optional.empty();
	}

	/** Whether {@code size} more bytes in one more file would stay within both bounds. */
	synchronized boolean fits(long size, long maxBytes, int maxFiles) {
		return this.bytes + this.reservedBytes + size <= maxBytes
				&& this.entries.size() + this.reservedFiles + 1 <= maxFiles;
	}

	synchronized boolean exceeds(long maxBytes, int maxFiles) {
		return this.bytes + this.reservedBytes > maxBytes || this.entries.size() + this.reservedFiles > maxFiles;
	}

	synchronized void reserve(long size) {
		this.reservedBytes += size;
		this.reservedFiles++;
	}

	synchronized void unreserve(long size) {
		this.reservedBytes -= size;
		this.reservedFiles--;
	}

	/**
	 * Replaces the entries with those read from the directory (oldest first), keeping the ones used since the listing
	 * began: they may be missing from a listing that ran while they were written.
	 */
	synchronized void replaceAll(Collection<Stored> listedOldestFirst, long listedSinceMillis) {
		Map<String, Stored> newer = new LinkedHashMap<>();
		this.entries.values()
			.stream()
			.filter((stored) -> stored.usedMillis() >= listedSinceMillis)
			.forEach((stored) -> newer.put(stored.name(), stored));
		this.entries.clear();
		this.bytes = 0;
		listedOldestFirst.stream().filter((stored) -> !newer.containsKey(stored.name())).forEach(this::used);
		newer.values().forEach(this::used);
	}

	synchronized long bytes() {
		return this.bytes;
	}

	synchronized int files() {
		return this.entries.size();
	}

	/** One stored upload: its file name, size and last use (write, or the same content uploaded again). */
	record Stored(String name, long size, long usedMillis) {
	}

}
