package com.example.classifier.api.feedback;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.example.classifier.api.system.ApiClient;
import com.example.classifier.api.system.ApiClient.Response;
import com.example.classifier.api.upload.ImageFormat;
import com.example.classifier.api.upload.TestImages;
import com.example.classifier.api.upload.UploadStore;
import com.example.classifier.common.Hashes;
import com.example.classifier.common.test.RedisServer;
import com.example.classifier.common.test.RedisServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Feedback through the real HTTP API on a real redis-server, including a Redis restart: reports from the public, read
 * back by an operator with the token.
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "upload.dir=${java.io.tmpdir}/feedback-it-uploads", "operator.token=" + ApiClient.OPERATOR_TOKEN })
class FeedbackIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	UploadStore uploads;

	@Autowired
	StringRedisTemplate redis;

	private ApiClient api;

	private ApiClient operator;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
	}

	@BeforeEach
	void emptyRedis() {
		this.api = new ApiClient(this.port);
		this.operator = new ApiClient(this.port, ApiClient.OPERATOR_TOKEN);
		this.redis.execute((RedisCallback<Void>) (connection) -> {
			connection.serverCommands().flushAll();
			return null;
		});
	}

	@Test
	void reportsAndTheirDeduplicationSurviveARedisRestart() throws Exception {
		String filename = storedPhoto(11);
		Response created = this.api.postJson("/feedback", report(filename, "malamute", "Siberian husky"));
		assertThat(created.status()).isEqualTo(HttpStatus.CREATED);
		String id = created.body().get("id").asString();

		RedisServer server = RedisServerExtension.process();
		server.stop();
		assertThat(server.isRunning()).isFalse();
		server.start();

		// The service's connection comes back on its own; wait for that, not for the data.
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> this.operator.getJson("/feedback").status().equals(HttpStatus.OK));
		JsonNode items = this.operator.getJson("/feedback").body().get("items");
		assertThat(items).hasSize(1);
		assertThat(items.get(0).get("id").asString()).isEqualTo(id);
		assertThat(items.get(0).get("filename").asString()).isEqualTo(filename);
		assertThat(items.get(0).get("prediction").asString()).isEqualTo("malamute");
		assertThat(items.get(0).get("score").asDouble()).isEqualTo(0.83);
		assertThat(items.get(0).get("correctLabel").asString()).isEqualTo("Siberian husky");
		assertThat(items.get(0).get("createdAt").asString()).isNotBlank();

		Response again = this.api.postJson("/feedback", report(filename, "malamute", "wolf"));
		assertThat(again.status()).isEqualTo(HttpStatus.OK);
		assertThat(again.body().get("duplicate").asBoolean()).isTrue();
		assertThat(again.body().get("id").asString()).isEqualTo(id);
		assertThat(this.operator.get("/feedback.csv").body()).contains(id + ",").contains(filename).doesNotContain("wolf");
	}

	@Test
	void theProjectsRedisConfigurationKeepsAnAppendOnlyFile() throws Exception {
		// The restart above relies on the append-only file; production must keep it on too.
		String conf = Files.readString(Path.of(System.getProperty("user.dir"), "..", "redis.conf"));
		assertThat(conf).containsPattern("(?m)^appendonly yes\\s*$").containsPattern("(?m)^appendfsync (everysec|always)");
	}

	@Test
	void aClientPagesThroughEveryReportWithTheCursor() {
		List<String> stored = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String filename = storedPhoto(20 + i);
			Response created = this.api.postJson("/feedback", report(filename, "label " + i, null));
			assertThat(created.status()).isEqualTo(HttpStatus.CREATED);
			stored.add(created.body().get("id").asString());
		}

		List<String> read = new ArrayList<>();
		String path = "/feedback?size=2";
		int pages = 0;
		while (path != null) {
			JsonNode page = this.operator.getJson(path).body();
			page.get("items").forEach((item) -> read.add(item.get("id").asString()));
			JsonNode next = page.get("next");
			path = (next == null || next.isNull()) ? null : "/feedback?size=2&after=" + next.asString();
			pages++;
		}
		assertThat(read).isEqualTo(stored);
		assertThat(pages).isEqualTo(3);
	}

	@Test
	void anInvalidReportIsAProblemDetail() {
		Response response = this.api.postJson("/feedback", "{\"filename\":\"nope.jpg\",\"score\":2}");

		assertThat(response.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.body().get("success").asBoolean()).isFalse();
		assertThat(response.body().get("detail").asString()).contains("filename").contains("prediction");
	}

	@Test
	void theOperatorDataNeedsTheTokenOverRealHttp() {
		this.api.postJson("/feedback", report(storedPhoto(31), "tabby", null));

		assertThat(this.api.getJson("/feedback").status()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.get("/feedback.csv").status()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.get("/feedback.csv").body()).doesNotContain("tabby");
		assertThat(this.operator.getJson("/feedback").body().get("items")).hasSize(1);
	}

	@Test
	void aChunkedReportOverTheCapIsRefusedWith413() throws Exception {
		// No Content-Length: the cap holds for a body whose size is known only once it has been read.
		byte[] body = report(storedPhoto(32), "x".repeat(20_000), null).getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/feedback"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();

		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("\"success\":false").contains("at most 16384 bytes");
		assertThat(this.operator.getJson("/feedback").body().get("items")).isEmpty();
	}

	private String storedPhoto(int size) {
		byte[] png = TestImages.png(size, size);
		return this.uploads.store(png, Hashes.sha256Hex(png), ImageFormat.PNG);
	}

	private static String report(String filename, String prediction, String correctLabel) {
		String label = (correctLabel != null) ? ",\"correctLabel\":\"" + correctLabel + "\"" : "";
		return "{\"filename\":\"%s\",\"prediction\":\"%s\",\"score\":0.83%s}".formatted(filename, prediction, label);
	}

}
