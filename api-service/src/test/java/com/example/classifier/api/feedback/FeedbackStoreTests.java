package com.example.classifier.api.feedback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.example.classifier.common.KeyScan;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.RealRedisTests;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.test.autoconfigure.DataRedisTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** The feedback stream, its cap and its de-duplication on a real redis-server. */
@DataRedisTest(properties = "feedback.max-entries=5")
@Import({ FeedbackStore.class, FeedbackStoreTests.Keys.class })
@EnableConfigurationProperties(FeedbackProperties.class)
class FeedbackStoreTests extends RealRedisTests {

	private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");

	@Autowired
	FeedbackStore store;

	@Test
	void aSubjectIsStoredOnceAndLaterReportsGetTheFirstId() {
		FeedbackStore.Appended first = this.store.append("file:a.jpg", fields("malamute", "husky"));
		FeedbackStore.Appended second = this.store.append("file:a.jpg", fields("malamute", "wolf"));

		assertThat(first.created()).isTrue();
		assertThat(second.created()).isFalse();
		assertThat(second.id()).isEqualTo(first.id());
		assertThat(this.redis.opsForStream().size(this.keys.feedback())).isEqualTo(1);
		assertThat(this.redis.opsForValue().get(this.keys.feedbackSeen("file:a.jpg"))).isEqualTo(first.id());
		assertThat(this.store.after(null, 10)).singleElement()
			.satisfies((entry) -> assertThat(entry.correctLabel()).isEqualTo("husky"));
	}

	@Test
	void simultaneousReportsOfOnePhotoStoreExactlyOne() throws Exception {
		int reporters = 16;
		ExecutorService pool = Executors.newFixedThreadPool(reporters);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<FeedbackStore.Appended>> results = new ArrayList<>();
			for (int i = 0; i < reporters; i++) {
				String label = "label-" + i;
				results.add(CompletableFuture.supplyAsync(() -> {
					await(start);
					return this.store.append("file:same.jpg", fields("malamute", label));
				}, pool));
			}
			start.countDown();
			long created = results.stream().map(CompletableFuture::join).filter(FeedbackStore.Appended::created).count();

			assertThat(created).isEqualTo(1);
			assertThat(this.redis.opsForStream().size(this.keys.feedback())).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void entriesComeBackWithEveryFieldOldestFirst() {
		this.store.append("file:a.jpg", fields("malamute", null));
		this.store.append("job:j2", Map.of("createdAt", NOW.toString(), "jobId", "j2", "prediction", "tabby, tabby cat",
				"score", "0.25"));

		List<FeedbackEntry> entries = this.store.after(null, 10);

		assertThat(entries).hasSize(2);
		FeedbackEntry first = entries.get(0);
		assertThat(first.id()).matches("\\d+-\\d+");
		assertThat(first.createdAt()).isEqualTo(NOW);
		assertThat(first.filename()).isEqualTo("a.jpg");
		assertThat(first.prediction()).isEqualTo("malamute");
		assertThat(first.score()).isEqualTo(0.83);
		assertThat(first.correctLabel()).isNull();
		assertThat(entries.get(1).jobId()).isEqualTo("j2");
		assertThat(entries.get(1).filename()).isNull();
		assertThat(entries.get(1).prediction()).isEqualTo("tabby, tabby cat");
	}

	@Test
	void theCursorExcludesTheEntryItNames() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(this.store.append("file:" + i + ".jpg", fields("p" + i, null)).id());
		}

		assertThat(this.store.after(null, 2)).extracting(FeedbackEntry::id).containsExactly(ids.get(0), ids.get(1));
		assertThat(this.store.after(ids.get(1), 10)).extracting(FeedbackEntry::id)
			.containsExactly(ids.get(2), ids.get(3), ids.get(4));
		assertThat(this.store.after(ids.get(4), 10)).isEmpty();
	}

	@Test
	void theStreamKeepsTheNewestReportsAndTheirMarkersOnlyAndDeduplicatesWithinThem() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			ids.add(this.store.append("file:" + i + ".jpg", fields("p" + i, null)).id());
		}

		assertThat(this.redis.opsForStream().size(this.keys.feedback())).isEqualTo(5);
		assertThat(this.store.after(null, 10)).extracting(FeedbackEntry::id).containsExactlyElementsOf(ids.subList(2, 7));
		assertThat(KeyScan.keys(this.redis, this.keys.feedbackSeen("*"))).hasSize(5)
			.doesNotContain(this.keys.feedbackSeen("file:0.jpg"), this.keys.feedbackSeen("file:1.jpg"));
		// A subject still kept is a duplicate; one trimmed away is a new report again.
		assertThat(this.store.append("file:6.jpg", fields("again", null))).isEqualTo(
				new FeedbackStore.Appended(ids.get(6), false));
		assertThat(this.store.append("file:0.jpg", fields("again", null)).created()).isTrue();
		assertThat(this.redis.opsForStream().size(this.keys.feedback())).isEqualTo(5);
		assertThat(KeyScan.keys(this.redis, this.keys.feedbackSeen("*"))).hasSize(5);
	}

	@Test
	void aJobIsKnownWhileItsResultIsKept() {
		this.redis.opsForValue().set(this.keys.result("j1"), "{}");

		assertThat(this.store.isKnownJob("j1")).isTrue();
		assertThat(this.store.isKnownJob("j2")).isFalse();
	}

	private static Map<String, String> fields(String prediction, String correctLabel) {
		FeedbackEntry entry = new FeedbackEntry(null, NOW, null, "a.jpg", prediction, 0.83, correctLabel);
		return entry.fields();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Keys {

		@Bean
		RedisKeys redisKeys() {
			return new RedisKeys("test");
		}

	}

}
