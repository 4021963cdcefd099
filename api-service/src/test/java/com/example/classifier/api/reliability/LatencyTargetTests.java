package com.example.classifier.api.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.example.classifier.api.reliability.RawHttp.Exchange;
import com.example.classifier.api.reliability.RequestStream.Sent;
import com.example.classifier.api.system.ModelWorkers;
import com.example.classifier.common.test.RedisServerExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A target latency of 1 s against the real api-service and one real model-service (MobileNetV2): a burst, then an
 * open stream of requests well beyond what the worker answers. The queue holds only what the worker is measured to
 * answer within the target, so accepted requests are answered near it, the rest get 503 with a Retry-After at once,
 * and nothing accepted times out. The minimum depth is 1, so that the target, not the minimum, sets the bound.
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "queue.target-latency=1s", "queue.min-depth=1", "queue.instance-id=latency-api",
				"upload.dir=${java.io.tmpdir}/reliability-latency-uploads" })
@ModelWorkers("latency-model")
class LatencyTargetTests {

	private static final Duration TARGET = Duration.ofSeconds(1);

	/** An open stream of one request every 10 ms (at most 100/s), a few times what the worker answers here. */
	private static final Duration INTERVAL = Duration.ofMillis(10);

	private static final Duration SUSTAINED = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
	}

	@Test
	void acceptedRequestsAreAnsweredNearTheTargetAndTheRestRefusedAtOnce() throws Exception {
		RawHttp http = new RawHttp(this.port);
		DogVariants photos = new DogVariants(320);
		// Rounds of 8 at once: the engine's first batches of more than one photo were slow (2.3 s for the first batch
		// of 2 after single photos, in one run), which no queue bound can foresee.
		for (int round = 0; round < 5; round++) {
			List<Exchange> warm = Bursts.join(Stream.generate(photos::next)
				.limit(8)
				.map((photo) -> http.postFileAsync(photo, "warm.jpg", Duration.ofSeconds(60)))
				.toList());
			assertThat(warm).as("warm-up").allSatisfy((answer) -> assertThat(answer.status()).isIn(200, 503));
		}
		List<byte[]> burstPhotos = new ArrayList<>();
		List<byte[]> streamPhotos = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			burstPhotos.add(photos.next());
			streamPhotos.add(photos.next());
		}
		GaugeWatch watch = new GaugeWatch(this.meters);

		List<Exchange> burst = Bursts.join(burstPhotos.stream()
			.map((photo) -> http.postFileAsync(photo, "burst.jpg", Duration.ofSeconds(60)))
			.toList());
		RequestStream stream = new RequestStream(http, streamPhotos, INTERVAL, Duration.ofSeconds(60));
		Thread.sleep(SUSTAINED.toMillis());
		List<Sent> sustained = stream.stop();
		watch.stop();

		List<Exchange> answers = new ArrayList<>(burst);
		sustained.stream().filter((one) -> one.answer() != null).forEach((one) -> answers.add(one.answer()));
		List<Long> accepted = millis(answers, 200);
		List<Long> refused = millis(answers, 503);
		ReliabilityReport.of("latency-target")
			.with("targetMs", TARGET.toMillis())
			.with("requests", burst.size() + sustained.size())
			.with("accepted", accepted.size())
			.with("refused503", refused.size())
			.with("noAnswer", sustained.stream().filter((one) -> one.answer() == null).count())
			.with("acceptedMedianMs", percentile(accepted, 50))
			.with("acceptedP95Ms", percentile(accepted, 95))
			.with("acceptedP99Ms", percentile(accepted, 99))
			.with("acceptedMaxMs", percentile(accepted, 100))
			.with("sustainedAnsweredPerSecond", String.format(Locale.ROOT, "%.1f", answeredPerSecond(sustained)))
			.with("refusedMedianMs", percentile(refused, 50))
			.with("refusedP99Ms", percentile(refused, 99))
			.with("retryAfterS", retryAfters(answers))
			.with("limitMax", (long) watch.maxLimit)
			.with("drainPerSecondMax", String.format(Locale.ROOT, "%.1f", watch.maxDrain))
			.with("batchMsLast", String.format(Locale.ROOT, "%.0f", watch.lastBatchSeconds * 1000))
			.print();

		assertThat(sustained).as("requests without an HTTP answer").allSatisfy((one) -> assertThat(one.error()).isNull());
		assertThat(answers).as("answered or refused; none timed out (504)")
			.allSatisfy((answer) -> assertThat(answer.status()).isIn(200, 503));
		assertThat(accepted).as("accepted requests").hasSizeGreaterThan(30);
		assertThat(refused).as("refused requests").hasSizeGreaterThan(answers.size() / 4);
		assertThat(answers).filteredOn((answer) -> answer.status() == 503).allSatisfy((answer) -> {
			assertThat(answer.retryAfter()).hasValueSatisfying(
					(seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 30));
			assertThat(answer.json().get("detail").asString()).contains("busy");
		});
		// Never more than the measured rate answers within the target (the request timeout would allow 24 times that).
		assertThat(watch.maxLimit).as("largest bound")
			.isLessThanOrEqualTo(Math.max(1, watch.maxDrain * TARGET.toMillis() / 1000.0));
		// The target bounds the wait in the queue; the rest is the upload's own path on a machine shared with the
		// load generator, the worker and other tenants: twice the target plus a second.
		assertThat(percentile(accepted, 95)).as("95th percentile of accepted requests, ms")
			.isLessThanOrEqualTo(TARGET.toMillis() * 2 + 1000);
		assertThat(percentile(refused, 50)).as("median 503, ms").isLessThan(100);
	}

	/** Accepted requests of the stream over the time from its first request to its last answer. */
	private static double answeredPerSecond(List<Sent> sustained) {
		long first = sustained.stream().mapToLong(Sent::startedNanos).min().orElse(0);
		long last = sustained.stream().mapToLong(Sent::endedNanos).max().orElse(first + 1);
		return sustained.stream().filter((one) -> one.status() == 200).count() * 1e9 / (last - first);
	}

	private static List<Long> millis(List<Exchange> answers, int status) {
		return answers.stream().filter((answer) -> answer.status() == status).map(Exchange::millis).sorted().toList();
	}

	private static String retryAfters(List<Exchange> answers) {
		IntSummaryStatistics seconds = answers.stream()
			.flatMap((answer) -> answer.retryAfter().stream())
			.mapToInt(Integer::parseInt)
			.summaryStatistics();
		return String.format(Locale.ROOT, "%d..%d(mean %.1f)", seconds.getMin(), seconds.getMax(),
				seconds.getAverage());
	}

	private static long percentile(List<Long> sorted, int percent) {
		if (sorted.isEmpty()) {
			return -1;
		}
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * percent / 100.0) - 1));
	}

	/** Reads the admission's gauges every 100 ms while the load runs. */
	private static final class GaugeWatch {

		volatile double maxLimit;

		volatile double maxDrain;

		volatile double lastBatchSeconds;

		private final Thread thread;

		GaugeWatch(MeterRegistry meters) {
			this.thread = new Thread(() -> {
				while (!Thread.currentThread().isInterrupted()) {
					this.maxLimit = Math.max(this.maxLimit, meters.get("classifier.queue.limit").gauge().value());
					this.maxDrain = Math.max(this.maxDrain, meters.get("classifier.queue.drain.rate").gauge().value());
					double batch = meters.get("classifier.queue.batch.seconds").gauge().value();
					this.lastBatchSeconds = Double.isNaN(batch) ? this.lastBatchSeconds : batch;
					try {
						Thread.sleep(100);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "gauge-watch");
			this.thread.start();
		}

		void stop() throws InterruptedException {
			this.thread.interrupt();
			this.thread.join();
		}

	}

}
