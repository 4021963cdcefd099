package com.example.classifier.api.upload;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where uploads go, what they may be, how long they are kept and how they may be sent. The byte limit itself is
 * Spring's {@code spring.servlet.multipart.max-file-size} (env {@code UPLOAD_MAX_SIZE}).
 *
 * @param dir directory of stored uploads, named by content hash
 * @param maxPixels largest width × height accepted; checked from the header, before any pixel is decoded, so a
 * decompression bomb never reaches a decoder
 * @param maxAge a stored upload not uploaded again for this long is deleted by the sweep
 * @param minAge a stored upload is never evicted (for room) younger than this: its job may still wait for a worker
 * and its result page shows it through {@code /display/{name}}; the default covers a detached job's deadline (10 min)
 * plus the time its result stays readable (10 min)
 * @param maxTotalSize most bytes the directory holds; the oldest uploads older than {@code minAge} make room, and when
 * none can, an upload is classified without a stored copy
 * @param maxFiles most files the directory holds (tiny uploads would otherwise exhaust inodes long before bytes)
 * @param sweepInterval how often the directory is re-read, expired uploads deleted and the bounds enforced
 * @param readTimeout longest pause in an upload's body; an upload that stalls longer gets 408 and its connection is
 * closed
 * @param bodyTimeout most time an upload's body may take in all (10 MB in 60 s needs 1.4 Mbit/s)
 * @param memoryBudget most upload bytes being read and checked in memory at once; empty = a quarter of the heap
 */
@Validated
@ConfigurationProperties("upload")
public record UploadProperties(Path dir, long maxPixels, Duration maxAge, Duration minAge, DataSize maxTotalSize,
		int maxFiles, Duration sweepInterval, Duration readTimeout, Duration bodyTimeout, DataSize memoryBudget) {

	@ConstructorBinding
	public UploadProperties(@DefaultValue("${java.io.tmpdir}/image-classifier/uploads") @NotNull Path dir,
			@DefaultValue("40000000") @Positive long maxPixels, @DefaultValue("24h") @NotNull Duration maxAge,
			@DefaultValue("20m") @NotNull Duration minAge, @DefaultValue("1GB") @NotNull DataSize maxTotalSize,
			@DefaultValue("10000") @Positive int maxFiles, @DefaultValue("1m") @NotNull Duration sweepInterval,
			@DefaultValue("5s") @NotNull Duration readTimeout, @DefaultValue("60s") @NotNull Duration bodyTimeout,
			DataSize memoryBudget) {
		this.dir = dir;
		this.maxPixels = maxPixels;
		this.maxAge = maxAge;
		this.minAge = minAge;
		this.maxTotalSize = maxTotalSize;
		this.maxFiles = maxFiles;
		this.sweepInterval = sweepInterval;
		this.readTimeout = readTimeout;
		this.bodyTimeout = bodyTimeout;
		this.memoryBudget = (memoryBudget != null) ? memoryBudget
				: DataSize.ofBytes(Runtime.getRuntime().maxMemory() / 4);
	}

	/** The defaults, with a directory and a pixel limit (tests of the inspector and the store). */
	public UploadProperties(Path dir, long maxPixels) {
		this(dir, maxPixels, Duration.ofHours(24), Duration.ofMinutes(20), DataSize.ofGigabytes(1), 10_000,
				Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofSeconds(60), null);
	}

	@AssertTrue(message = "upload.min-age must not exceed upload.max-age")
	boolean isMinAgeWithinMaxAge() {
		return this.minAge.compareTo(this.maxAge) <= 0;
	}

}
