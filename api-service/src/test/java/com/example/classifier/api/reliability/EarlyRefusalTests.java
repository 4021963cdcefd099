package com.example.classifier.api.reliability;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.classifier.api.reliability.RawHttp.Exchange;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.RedisServerExtension;
import com.example.classifier.common.test.Fixtures;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once the api knows its queue is full, an upload is refused before its body is read: a body that is not even valid
 * multipart, which is otherwise a 400, gets the 503. An upload still being read holds its place in the queue (the
 * stall timeout is raised here: a stalled upload gives up its place, which {@code SlowClientTests} covers). No model
 * worker runs, so a queued job stays.
 */
@ExtendWith({ RedisServerExtension.class, OutputCaptureExtension.class })
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "queue.max-depth=1", "queue.min-depth=1", "queue.instance-id=early-refusal-api",
				"upload.dir=${java.io.tmpdir}/early-refusal-uploads", "queue.upload-stall-timeout=1m" })
class EarlyRefusalTests {

	private static final byte[] NOT_MULTIPART = "no boundary anywhere in here".getBytes(StandardCharsets.US_ASCII);

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisKeys keys;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
	}

	@Test
	void aFullQueueRefusesUploadsBeforeReadingThemUntilItDrains() {
		RawHttp http = new RawHttp(this.port);
		assertThat(http.postWithContentType(NOT_MULTIPART, RawHttp.MULTIPART).status()).as("read, and refused as such")
			.isEqualTo(400);

		// Another api instance filled the queue; this one learns it from its next enqueue.
		this.redis.opsForList().rightPush(this.keys.jobQueue(), "{}");
		assertThat(http.postFile(Fixtures.imageBytes("dog.jpg"), "dog.jpg").status()).isEqualTo(503);

		Exchange refused = http.postWithContentType(NOT_MULTIPART, RawHttp.MULTIPART);
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.retryAfter()).isPresent();
		assertThat(refused.json().get("detail").asString()).contains("busy");
		assertThat(refused.json().get("success").asBoolean()).isFalse();

		// Drained: the next upload asks Redis again and is read.
		this.redis.delete(this.keys.jobQueue());
		assertThat(http.postWithContentType(NOT_MULTIPART, RawHttp.MULTIPART).status()).isEqualTo(400);
	}

	@Test
	void anUploadStillBeingReadHoldsItsPlaceUntilItEnds() throws Exception {
		this.redis.delete(this.keys.jobQueue());
		RawHttp http = new RawHttp(this.port);
		byte[] body = RawHttp.fileForm(Fixtures.imageBytes("dog.jpg"), "dog.jpg");
		try (Socket slowClient = new Socket("127.0.0.1", this.port)) {
			OutputStream out = slowClient.getOutputStream();
			out.write(("POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + RawHttp.MULTIPART
					+ "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.write(body, 0, 1000);
			out.flush();
			// Probing before the slow upload has its place would race it for the only one.
			awaitUploadsInFlight(1);

			// The queue is empty, but the one place it has is taken by the upload on its way.
			Exchange refused = http.postWithContentType(NOT_MULTIPART, RawHttp.MULTIPART);
			assertThat(refused.status()).isEqualTo(503);
			assertThat(refused.retryAfter()).isPresent();
			assertThat(this.redis.opsForList().size(this.keys.jobQueue())).isZero();
		}
		// The slow client went away: its place comes back and the next body is read (and refused as invalid).
		awaitUploadsInFlight(0);
		assertThat(http.postWithContentType(NOT_MULTIPART, RawHttp.MULTIPART).status()).isEqualTo(400);
	}

	@Test
	void theRequestLogSaysHowLongAnUploadTookToArriveAndNothingForOneRefusedUnread(CapturedOutput output)
			throws Exception {
		this.redis.delete(this.keys.jobQueue());
		byte[] body = NOT_MULTIPART;
		try (Socket slowClient = new Socket("127.0.0.1", this.port)) {
			OutputStream out = slowClient.getOutputStream();
			out.write(("POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + RawHttp.MULTIPART
					+ "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.write(body, 0, 4);
			out.flush();
			awaitUploadsInFlight(1);
			Thread.sleep(400);
			out.write(body, 4, body.length - 4);
			out.flush();
			assertThat(new String(slowClient.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
				.startsWith("HTTP/1.1 400");
		}
		// A full queue (learnt from the first upload's enqueue, which read it): the next is refused unread.
		this.redis.opsForList().rightPush(this.keys.jobQueue(), "{}");
		RawHttp http = new RawHttp(this.port);
		assertThat(http.postFile(Fixtures.imageBytes("dog.jpg"), "dog.jpg").status()).isEqualTo(503);
		assertThat(http.postWithContentType(NOT_MULTIPART, RawHttp.MULTIPART).status()).isEqualTo(503);
		this.redis.delete(this.keys.jobQueue());

		Matcher slow = Pattern.compile("POST /predict 400 (\\d+) ms \\(upload read in (\\d+) ms\\)")
			.matcher(output.getOut());
		assertThat(slow.find()).as("the slow upload's log line, in: %s", output.getOut()).isTrue();
		assertThat(Long.parseLong(slow.group(2))).as("upload read in").isBetween(400L, Long.parseLong(slow.group(1)));
		String out = output.getOut();
		String lastRefusal = out.substring(out.lastIndexOf("POST /predict 503 ")).lines().findFirst().orElseThrow();
		assertThat(lastRefusal).as("refused before its body was read").matches("POST /predict 503 \\d+ ms");
	}

	private void awaitUploadsInFlight(int expected) throws InterruptedException {
		Gauge inFlight = this.meters.get("classifier.uploads.in.flight").gauge();
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (inFlight.value() != expected && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(inFlight.value()).as("uploads in flight").isEqualTo(expected);
	}

}
