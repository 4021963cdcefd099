package com.example.classifier.api.upload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import com.example.classifier.common.Hashes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadStoreTests {

	private static final Duration MIN_AGE = Duration.ofMinutes(20);

	@TempDir
	Path dir;

	private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private final MeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void storesIdenticalUploadsOnceUnderTheirHash() throws Exception {
		UploadStore store = store(DataSize.ofMegabytes(1), 100);
		byte[] png = TestImages.png(4, 4);
		String sha = Hashes.sha256Hex(png);
		String first = store.store(png, sha, ImageFormat.PNG);
		String second = store.store(png.clone(), sha, ImageFormat.PNG);
		assertThat(first).isEqualTo(second).isEqualTo(sha + ".png");
		try (var files = Files.list(this.dir)) {
			assertThat(files).containsExactly(this.dir.resolve(first));
		}
		assertThat(Files.readAllBytes(this.dir.resolve(first))).isEqualTo(png);
	}

	@Test
	void findsOnlyNamesItCreated() throws Exception {
		UploadStore store = store(DataSize.ofMegabytes(1), 100);
		byte[] png = TestImages.png(4, 4);
		String name = store.store(png, Hashes.sha256Hex(png), ImageFormat.PNG);
		Files.writeString(this.dir.resolve("secret.txt"), "no");
		assertThat(store.find(name)).contains(this.dir.resolve(name));
		assertThat(store.find("secret.txt")).isEmpty();
		assertThat(store.find("../" + name)).isEmpty();
		assertThat(store.find("a".repeat(64) + ".png")).isEmpty();
		assertThat(store.find(null)).isEmpty();
	}

	@Test
	void aWriteBeyondTheSizeBoundEvictsTheLeastRecentlyUsedUploadsOlderThanTheMinimumAge() {
		byte[] photo = TestImages.jpeg(64, 64);
		UploadStore store = store(DataSize.ofBytes((photo.length + 1) * 3L), 100);
		String first = put(store, photo, 1);
		String second = put(store, photo, 2);
		this.clock.advance(MIN_AGE.plusSeconds(1));
		String third = put(store, photo, 3);
		// The first is used again: the second is now the least recently used.
		put(store, photo, 1);

		String fourth = put(store, photo, 4);

		assertThat(store.find(second)).isEmpty();
		assertThat(store.find(first)).isPresent();
		assertThat(store.find(third)).isPresent();
		assertThat(store.find(fourth)).isPresent();
		assertThat(directoryBytes()).isLessThanOrEqualTo((photo.length + 1) * 3L);
		assertThat(this.meters.counter("classifier.uploads.evicted", "reason", "size").count()).isEqualTo(1);
	}

	@Test
	void anUploadYoungerThanTheMinimumAgeIsNeverEvictedAndANewOneIsThenNotKept() {
		byte[] photo = TestImages.jpeg(64, 64);
		UploadStore store = store(DataSize.ofBytes((photo.length + 1) * 2L), 100);
		String first = put(store, photo, 1);
		String second = put(store, photo, 2);
		this.clock.advance(MIN_AGE.minusSeconds(1));

		assertThat(put(store, photo, 3)).as("no room: not stored, and no error").isNull();
		assertThat(store.find(first)).isPresent();
		assertThat(store.find(second)).isPresent();
		assertThat(this.meters.counter("classifier.uploads.storage.refused").count()).isEqualTo(1);

		this.clock.advance(Duration.ofSeconds(2));
		assertThat(store.find(put(store, photo, 3))).isPresent();
		assertThat(store.find(first)).isEmpty();
	}

	@Test
	void theFileCountIsBoundedToo() {
		UploadStore store = store(DataSize.ofMegabytes(100), 3);
		byte[] dot = TestImages.png(1, 1);
		for (int i = 0; i < 3; i++) {
			put(store, dot, i);
		}
		this.clock.advance(MIN_AGE.plusSeconds(1));

		put(store, dot, 3);

		assertThat(fileCount()).isEqualTo(3);
		assertThat(this.meters.counter("classifier.uploads.evicted", "reason", "count").count()).isEqualTo(1);
	}

	@Test
	void theSweepDeletesUploadsUnusedForTheMaximumAgeAndLeftoverPartialWrites() throws Exception {
		UploadStore store = store(DataSize.ofMegabytes(1), 100);
		byte[] photo = TestImages.jpeg(16, 16);
		String old = put(store, photo, 1);
		this.clock.advance(Duration.ofHours(23));
		String recent = put(store, photo, 2);
		Path leftover = this.dir.resolve(UploadStore.PARTIAL_PREFIX + "crashed.part");
		Files.write(leftover, new byte[100]);
		Files.setLastModifiedTime(leftover, FileTime.from(this.clock.instant().minus(Duration.ofMinutes(2))));
		this.clock.advance(Duration.ofHours(1).plusSeconds(1));

		store.sweep();

		assertThat(store.find(old)).isEmpty();
		assertThat(store.find(recent)).isPresent();
		assertThat(leftover).doesNotExist();
		assertThat(store.quota().storedFiles()).isEqualTo(1);
		assertThat(this.meters.get("classifier.uploads.stored.bytes").gauge().value()).isEqualTo(photo.length + 1);
	}

	@Test
	void theSweepCountsFilesOtherInstancesWroteAndEnforcesTheBoundOnThem() throws Exception {
		byte[] photo = TestImages.jpeg(64, 64);
		UploadStore store = store(DataSize.ofBytes((photo.length + 1) * 2L), 100);
		for (int i = 0; i < 3; i++) {
			Path file = this.dir.resolve(Hashes.sha256Hex(variant(photo, i)) + ".jpg");
			Files.write(file, variant(photo, i));
			Files.setLastModifiedTime(file, FileTime.from(this.clock.instant().minusSeconds(3600 - i)));
		}

		store.sweep();

		assertThat(fileCount()).isEqualTo(2);
		assertThat(directoryBytes()).isLessThanOrEqualTo((photo.length + 1) * 2L);
		assertThat(store.find(Hashes.sha256Hex(variant(photo, 0)) + ".jpg")).isEmpty();
	}

	private UploadStore store(DataSize maxTotalSize, int maxFiles) {
		UploadProperties properties = new UploadProperties(this.dir, 40_000_000, Duration.ofHours(24), MIN_AGE,
				maxTotalSize, maxFiles, Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofSeconds(60), null);
		return new UploadStore(properties, this.clock, this.meters);
	}

	/** Stores a distinct variant of the photo (one byte after its end differs) and returns its name. */
	private String put(UploadStore store, byte[] photo, int variant) {
		byte[] bytes = variant(photo, variant);
		String name = store.store(bytes, Hashes.sha256Hex(bytes), ImageFormat.JPEG);
		this.clock.advance(Duration.ofMillis(1));
		return name;
	}

	private static byte[] variant(byte[] photo, int variant) {
		byte[] bytes = java.util.Arrays.copyOf(photo, photo.length + 1);
		bytes[photo.length] = (byte) variant;
		return bytes;
	}

	private long directoryBytes() {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.mapToLong((file) -> file.toFile().length()).sum();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private long fileCount() {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.count();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
