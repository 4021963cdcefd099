package com.example.classifier.api.reliability;

import java.nio.charset.StandardCharsets;

import com.example.classifier.api.reliability.RawHttp.Exchange;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.RedisServerExtension;
import com.example.classifier.common.test.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once the api knows its queue is full, an upload is refused before its body is read: a body that is not even valid
 * multipart, which is otherwise a 400, gets the 503. No model worker runs, so the one queued job stays.
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "queue.max-depth=1", "queue.min-depth=1", "queue.instance-id=early-refusal-api",
				"upload.dir=${java.io.tmpdir}/early-refusal-uploads" })
class EarlyRefusalTests {

	private static final byte[] NOT_MULTIPART = "no boundary anywhere in here".getBytes(StandardCharsets.US_ASCII);

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisKeys keys;

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
		assertThat(http.postFile(SharedFiles.imageBytes("dog.jpg"), "dog.jpg").status()).isEqualTo(503);

		Exchange refused = http.postWithContentType(NOT_MULTIPART, RawHttp.MULTIPART);
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.retryAfter()).isPresent();
		assertThat(refused.json().get("detail").asString()).contains("busy");
		assertThat(refused.json().get("success").asBoolean()).isFalse();

		// Drained: the next upload asks Redis again and is read.
		this.redis.delete(this.keys.jobQueue());
		assertThat(http.postWithContentType(NOT_MULTIPART, RawHttp.MULTIPART).status()).isEqualTo(400);
	}

}
