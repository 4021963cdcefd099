package com.example.classifier.api.reliability;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.example.classifier.api.reliability.RawHttp.Exchange;
import com.example.classifier.api.upload.TestImages;
import com.example.classifier.common.test.RedisServerExtension;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upload bytes in memory are bounded by {@code upload.memory-budget} (64 MB here): a burst of 9 MB uploads (a 1×1
 * JPEG padded with comment segments, which decodes in microseconds) is let in only as far as the budget holds them;
 * the rest get 503 with Retry-After before their bodies are read. The queue's own bound is set high, so the budget is
 * what refuses. No model worker runs: an upload let in is queued and then times out (504 after 2 s).
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "upload.memory-budget=64MB", "queue.max-depth=1000", "queue.min-depth=1000",
				"queue.request-timeout=2s", "queue.instance-id=upload-memory-api" })
class UploadMemoryTests {

	private static final long BUDGET = 64L * 1024 * 1024;

	@TempDir
	static Path uploads;

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
		registry.add("upload.dir", () -> uploads.toString());
	}

	@Test
	void aBurstOfLargeUploadsIsLetInOnlyAsFarAsTheMemoryBudgetHoldsThem() throws Exception {
		RawHttp http = new RawHttp(this.port);
		byte[] padded = paddedJpeg(9 * 1024 * 1024);
		Gauge charged = this.meters.get("classifier.uploads.memory.bytes").gauge();
		AtomicLong maxCharged = new AtomicLong();
		AtomicBoolean sampling = new AtomicBoolean(true);
		Thread sampler = new Thread(() -> {
			while (sampling.get()) {
				maxCharged.accumulateAndGet((long) charged.value(), Math::max);
				Thread.onSpinWait();
			}
		});
		sampler.start();
		List<Exchange> answers;
		try {
			List<CompletableFuture<Exchange>> burst = new java.util.ArrayList<>();
			for (int i = 0; i < 12; i++) {
				burst.add(http.postFileAsync(padded, "padded-" + i + ".jpg", Duration.ofSeconds(60)));
			}
			answers = Bursts.join(burst);
		}
		finally {
			sampling.set(false);
			sampler.join();
		}
		long allocated = allocatedOnRequestThreads(() -> http.postFile(padded, "alone.jpg"));

		List<Exchange> refused = answers.stream().filter((answer) -> answer.status() == 503).toList();
		List<Exchange> letIn = answers.stream().filter((answer) -> answer.status() == 504).toList();
		ReliabilityReport.of("upload-memory")
			.with("uploads", answers.size())
			.with("uploadMB", padded.length / (1024 * 1024))
			.with("budgetMB", BUDGET / (1024 * 1024))
			.with("letIn", letIn.size())
			.with("refused503", refused.size())
			.with("maxChargedMB", maxCharged.get() / (1024 * 1024))
			.with("allocatedPerUploadMB", allocated / (1024 * 1024))
			.print();
		assertThat(letIn.size() + refused.size()).as("every answer is 503 or, let in, 504").isEqualTo(answers.size());
		assertThat(letIn).isNotEmpty();
		assertThat(refused).isNotEmpty().allSatisfy((answer) -> {
			assertThat(answer.retryAfter()).isPresent();
			assertThat(answer.json().get("detail").asString()).contains("busy");
		});
		assertThat(maxCharged.get()).as("bytes charged at most").isLessThanOrEqualTo(BUDGET);
		assertThat(charged.value()).as("all given back").isZero();
	}

	/** Bytes allocated by Tomcat's request threads while the action ran (the test's own client excluded). */
	private static long allocatedOnRequestThreads(Runnable action) {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		long[] ids = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("http-nio-"))
			.mapToLong(Thread::getId)
			.toArray();
		long before = java.util.Arrays.stream(threads.getThreadAllocatedBytes(ids)).sum();
		action.run();
		return java.util.Arrays.stream(threads.getThreadAllocatedBytes(ids)).sum() - before;
	}

	/** A 1×1 JPEG with comment segments after its start marker, to {@code size} bytes. */
	static byte[] paddedJpeg(int size) {
		byte[] dot = TestImages.jpeg(1, 1);
		ByteArrayOutputStream out = new ByteArrayOutputStream(size + 70_000);
		out.write(dot, 0, 2);
		byte[] comment = new byte[65_533];
		java.util.Arrays.fill(comment, (byte) 'x');
		while (out.size() + dot.length < size) {
			int length = Math.min(comment.length, size - out.size() - dot.length - 4);
			if (length <= 0) {
				break;
			}
			out.write(0xFF);
			out.write(0xFE);
			out.write((length + 2) >> 8);
			out.write((length + 2) & 0xFF);
			out.write(comment, 0, length);
		}
		out.write(dot, 2, dot.length - 2);
		return out.toByteArray();
	}

}
