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
 * (new ones are accepted and classified all the same, without a stored copy: their answer has no file name); once they
 * are older, the flood evicts them and is stored. The api's clock is moved
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
			List<ApiClient.Response> first = flood(api, clients, photos.subList(0, 60));
			List<String> keptFromFirst = storedNames(first);

			// The first flood's uploads are all younger than min-age (20 min): none may go, so the rest are queued
			// without a stored copy: every upload is accepted, about 21 kept.
			assertThat(first).extracting(ApiClient.Response::status).containsOnly(HttpStatus.ACCEPTED);
			assertThat(keptFromFirst).hasSizeBetween(1, 59);
			assertThat(keptFromFirst).allSatisfy((name) -> assertThat(uploads.resolve(name)).exists());
			assertThat(this.meters.counter("classifier.uploads.storage.refused").count())
				.isEqualTo(60 - keptFromFirst.size());

			// Fewer than the quota holds (about 21 of these), so each can make room from the first flood's uploads.
			this.clock.advance(Duration.ofMinutes(21));
			List<ApiClient.Response> second = flood(api, clients, photos.subList(60, 75));

			assertThat(second).extracting(ApiClient.Response::status).containsOnly(HttpStatus.ACCEPTED);
			assertThat(storedNames(second)).as("old enough to make room: every one kept").hasSize(15)
				.allSatisfy((name) -> assertThat(uploads.resolve(name)).exists());
			assertThat(keptFromFirst).as("evicted for the second flood")
				.anySatisfy((name) -> assertThat(uploads.resolve(name)).doesNotExist());
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

	private static List<ApiClient.Response> flood(ApiClient api, ExecutorService clients, List<byte[]> photos) {
		List<CompletableFuture<ApiClient.Response>> answers = new ArrayList<>();
		for (byte[] photo : photos) {
			answers.add(CompletableFuture.supplyAsync(() -> api.submitJob(photo, "flood.jpg"), clients));
		}
		return answers.stream().map(CompletableFuture::join).toList();
	}

	/** The stored names the answers gave (none for an upload that was not kept). */
	private static List<String> storedNames(List<ApiClient.Response> answers) {
		return answers.stream()
			.map((answer) -> answer.body().path("filename"))
			.filter((name) -> name.isString())
			.map((name) -> name.asString())
			.toList();
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
