package com.example.classifier.api.seed;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.example.classifier.api.system.ApiClient;
import com.example.classifier.api.system.ModelWorkers;
import com.example.classifier.common.test.Fixtures;
import com.example.classifier.common.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed system's clients, byte for byte, against the real api in seed style and a real model-service with Keras
 * label names: what its {@code tests/test_integration.py} (python-requests) and its Locust user send, and what they
 * check. No client library of ours in between: bodies and content types are built here as requests builds them.
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "api.response-style=seed", "queue.request-timeout=90s",
				"upload.dir=${java.io.tmpdir}/seed-client-uploads", "operator.token=" + ApiClient.OPERATOR_TOKEN })
@ModelWorkers(value = "seed-model", args = "--model.label-style=keras")
class SeedClientTests {

	/** python-requests' boundary: 32 random hex digits. */
	private static final String BOUNDARY = "8f3b2c1d9e7a6b5c4d3e2f1a0b9c8d7e";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NORMAL)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
	}

	@Test
	void testIndexPostWithNothingEndsOnA200Page() throws Exception {
		// requests.request("POST", url): no body, no content type; requests follows the redirect with a GET.
		HttpResponse<String> response = this.http.send(request("/").POST(BodyPublishers.noBody()).build(),
				BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.uri().getPath()).isEqualTo("/");
		assertThat(response.body()).contains("Please choose a photo first.");
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void testPredictGetsExactlyTheSeedsThreeKeys() throws Exception {
		// files=[("file", ("dog.jpeg", open(...), "image/jpeg"))]: the part has a filename and a content type.
		JsonNode answer = predict(requestsFilePart("dog.jpeg", "image/jpeg"));
		assertThat(fieldNames(answer)).containsExactly("success", "prediction", "score");
		assertThat(answer.get("success").asBoolean()).isTrue();
		// The embedded MobileNetV2 (the seed's own ResNet50 says Eskimo_dog), in Keras's label style.
		assertThat(answer.get("prediction").asString()).isEqualTo("malamute");
		double score = answer.get("score").asDouble();
		assertThat(score).isBetween(0.5, 1.0);
		assertThat(Math.round(score * 10_000) / 10_000.0).isEqualTo(score);
	}

	@Test
	void locustsPredictWithABareFilePartIsAnswered() throws Exception {
		// files={'file': open("../tests/dog.jpeg", "rb")}: filename from the path, no part content type.
		JsonNode answer = predict(requestsFilePart("dog.jpeg", null));
		assertThat(answer.get("success").asBoolean()).isTrue();
		assertThat(answer.get("prediction").asString()).isEqualTo("malamute");
	}

	@Test
	void locustsFeedbackFormAboutAnUnknownFileIsStoredMarkedUnknownAndNeverLost() throws Exception {
		String report = "{'filename': 'test', 'prediction': 'angora_cat', 'score': 0.95 }";
		for (int i = 0; i < 2; i++) {
			// data={"report": ...}: application/x-www-form-urlencoded, spaces as '+'.
			HttpResponse<String> response = this.http.send(request("/feedback")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString("report=" + URLEncoder.encode(report, StandardCharsets.UTF_8)))
				.build(), BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("Thank you");
		}
		JsonNode page = new ApiClient(this.port, ApiClient.OPERATOR_TOKEN).getJson("/feedback?size=500").body();
		List<JsonNode> mine = new ArrayList<>();
		page.get("items").forEach((item) -> {
			if (report.equals(item.path("report").asString(null))) {
				mine.add(item);
			}
		});
		assertThat(mine).hasSize(2).allSatisfy((item) -> {
			assertThat(item.get("known").asBoolean()).isFalse();
			assertThat(item.get("filename").asString()).isEqualTo("test");
			assertThat(item.get("prediction").asString()).isEqualTo("angora_cat");
			assertThat(item.get("score").asDouble()).isEqualTo(0.95);
		});
	}

	private JsonNode predict(byte[] body) throws Exception {
		HttpResponse<byte[]> response = this.http.send(request("/predict")
			.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.POST(BodyPublishers.ofByteArray(body))
			.timeout(Duration.ofSeconds(90))
			.build(), BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	/** The multipart body python-requests writes for one file. */
	private static byte[] requestsFilePart(String filename, String contentType) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
				+ "\"\r\n" + ((contentType != null) ? "Content-Type: " + contentType + "\r\n" : "") + "\r\n";
		out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
		out.writeBytes(Fixtures.imageBytes("dog.jpg"));
		out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
		return out.toByteArray();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("User-Agent", "python-requests/2.28.1")
			.header("Accept", "*/*")
			.timeout(Duration.ofSeconds(30));
	}

	private static List<String> fieldNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

}
