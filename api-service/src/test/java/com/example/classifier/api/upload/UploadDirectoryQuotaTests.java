package com.example.classifier.api.upload;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.example.classifier.api.system.ApiClient;
import com.example.classifier.common.Hashes;
import com.example.classifier.common.test.RedisServerExtension;
import com.example.classifier.common.test.TestPhotos;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upload directory under a flood of distinct uploads, on the real api (real port, real Redis, real files): it
 * never holds more than {@code upload.max-total-size}; uploads younger than {@code upload.min-age} are never evicted
 * (new ones get 507 instead); once they are older, the flood evicts them and is accepted. The api's clock is moved
 * forward instead of waiting 20 minutes. No model worker runs; uploads are submitted with {@code POST /jobs}.
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "upload.max-total-size=1MB", "queue.max-depth=1000", "queue.min-depth=1000",
				"queue.instance-id=upload-quota-api" })
class UploadDirectoryQuotaTests {

	private static final long QUOTA = 1024 * 1024;

	@TempDir
	static Path uploads;

	@LocalServerPort
	int port;

	@Autowired
	MovableClock clock;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
		registry.add("upload.dir", () -> uploads.toString());
	}

	@Test
	void theDirectoryStaysWithinItsQuotaUnderAFloodAndUploadsStillNeededAreKept() throws Exception {
		ApiClient api = new ApiClient(this.port);
		List<byte[]> photos = distinctPhotos(75);
		DirectoryWatch watch = new DirectoryWatch();
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			List<HttpStatus> first = flood(api, clients, photos.subList(0, 60));
			List<String> keptFromFirst = storedNames(photos.subList(0, 60), first);

			// The first flood's uploads are all younger than min-age (20 min): none may go, the rest are refused.
			assertThat(first).contains(HttpStatus.ACCEPTED, HttpStatus.INSUFFICIENT_STORAGE)
				.containsOnly(HttpStatus.ACCEPTED, HttpStatus.INSUFFICIENT_STORAGE);
			assertThat(keptFromFirst).allSatisfy((name) -> assertThat(uploads.resolve(name)).exists());

			// Fewer than the quota holds (about 21 of these), so each can make room from the first flood's uploads.
			this.clock.advance(Duration.ofMinutes(21));
			List<HttpStatus> second = flood(api, clients, photos.subList(60, 75));

			assertThat(second).as("old enough to make room").containsOnly(HttpStatus.ACCEPTED);
			assertThat(keptFromFirst).as("evicted for the second flood")
				.anySatisfy((name) -> assertThat(uploads.resolve(name)).doesNotExist());
			assertThat(storedNames(photos.subList(60, 75), second)).allSatisfy((name) -> assertThat(uploads.resolve(name)).exists());
		}
		finally {
			clients.shutdownNow();
			watch.stop();
		}
		assertThat(watch.maxBytes.get()).as("largest directory size seen").isLessThanOrEqualTo(QUOTA);
		assertThat(this.meters.get("classifier.uploads.stored.bytes").gauge().value())
			.isEqualTo((double) directoryBytes());
		System.out.printf("UPLOAD-QUOTA quota=%d maxBytesSeen=%d samples=%d files=%d%n", QUOTA, watch.maxBytes.get(),
				watch.samples.get(), fileCount());
	}

	private static List<HttpStatus> flood(ApiClient api, ExecutorService clients, List<byte[]> photos) {
		List<CompletableFuture<HttpStatus>> answers = new ArrayList<>();
		for (byte[] photo : photos) {
			answers.add(CompletableFuture.supplyAsync(
					() -> HttpStatus.valueOf(api.submitJob(photo, "flood.jpg").status().value()), clients));
		}
		return answers.stream().map(CompletableFuture::join).toList();
	}

	private static List<String> storedNames(List<byte[]> photos, List<HttpStatus> statuses) {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < photos.size(); i++) {
			if (statuses.get(i) == HttpStatus.ACCEPTED) {
				names.add(Hashes.sha256Hex(photos.get(i)) + ".jpg");
			}
		}
		return names;
	}

	/** Noise photos of about 48 KB each, all different: 60 of them are nearly three times the quota. */
	private static List<byte[]> distinctPhotos(int count) {
		Random random = new Random(7);
		List<byte[]> photos = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
			for (int y = 0; y < image.getHeight(); y++) {
				for (int x = 0; x < image.getWidth(); x++) {
					image.setRGB(x, y, random.nextInt());
				}
			}
			photos.add(TestPhotos.encode(image, "jpg"));
		}
		return photos;
	}

	private static long directoryBytes() {
		try (Stream<Path> files = Files.list(uploads)) {
			return files.mapToLong((file) -> file.toFile().length()).sum();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static long fileCount() {
		try (Stream<Path> files = Files.list(uploads)) {
			return files.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Lists the directory without pause while the flood runs, and keeps the largest total it saw. */
	private static final class DirectoryWatch {

		final AtomicLong maxBytes = new AtomicLong();

		final AtomicLong samples = new AtomicLong();

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final Thread thread = new Thread(this::run, "directory-watch");

		DirectoryWatch() {
			this.thread.start();
		}

		private void run() {
			while (this.running.get()) {
				try {
					this.maxBytes.accumulateAndGet(directoryBytes(), Math::max);
					this.samples.incrementAndGet();
				}
				catch (UncheckedIOException ex) {
					// A file deleted while listed.
				}
			}
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			this.thread.join();
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(Instant.now());
		}

	}

}
