package com.example.classifier.api.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;

import com.example.classifier.api.system.ApiClient;
import com.example.classifier.api.system.ApiClient.Response;
import com.example.classifier.api.system.ApiClient.TextResponse;
import com.example.classifier.api.upload.ImageFormat;
import com.example.classifier.api.upload.TestImages;
import com.example.classifier.api.upload.UploadStore;
import com.example.classifier.common.Hashes;
import com.example.classifier.common.test.RedisServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page on a real Tomcat and a real Redis, with no model worker running: the errors a person can meet there
 * (too large, no answer in time), the browser hardening headers, and forms that need no token.
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "queue.request-timeout=2s", "upload.dir=${java.io.tmpdir}/web-it-uploads" })
class WebPageIntegrationTests {

	/** Sends paths exactly as written, encoded dots and all. */
	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	UploadStore uploads;

	private ApiClient api;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
	}

	@BeforeEach
	void client() {
		this.api = new ApiClient(this.port);
	}

	@Test
	void thePageCarriesTheSecurityHeadersAndSetsNoCookie() {
		TextResponse page = this.api.get("/");

		assertThat(page.status()).isEqualTo(HttpStatus.OK);
		assertThat(page.headers().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
		assertThat(page.headers().get(HttpHeaders.SET_COOKIE)).as("no session, no CSRF cookie").isNull();
		assertThat(page.body()).doesNotContain("_csrf");
		assertThat(page.headers().getFirst("Content-Security-Policy")).contains("script-src 'self'")
			.doesNotContain("unsafe-inline");
		assertThat(page.headers().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(page.headers().getFirst("X-Frame-Options")).isEqualTo("DENY");
		assertThat(page.headers().getFirst("Referrer-Policy")).isEqualTo("same-origin");
	}

	@Test
	void thePagesReportFormIsSavedWithoutAnyToken() {
		byte[] png = TestImages.png(10, 10);
		String filename = this.uploads.store(png, Hashes.sha256Hex(png), ImageFormat.PNG);
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("report", "{\"filename\":\"%s\",\"prediction\":\"malamute\",\"score\":0.5}".formatted(filename));
		form.add("correctLabel", "husky");

		TextResponse response = this.api.restClient()
			.post()
			.uri("/feedback")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.exchange((request, answer) -> new TextResponse(answer.getStatusCode(), answer.getHeaders(),
					new String(answer.getBody().readAllBytes())));

		assertThat(response.status()).isEqualTo(HttpStatus.OK);
		assertThat(response.body()).containsAnyOf("Thank you! Your report was saved", "already been reported");
	}

	@Test
	void theJsonApiNeedsNoToken() {
		Response predict = this.api.predict("not a photo".getBytes(), "photo.jpg");
		assertThat(predict.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(predict.body().get("detail").asString()).contains("not an image");

		byte[] png = TestImages.png(9, 9);
		String filename = this.uploads.store(png, Hashes.sha256Hex(png), ImageFormat.PNG);
		Response feedback = this.api.postJson("/feedback",
				"{\"filename\":\"%s\",\"prediction\":\"malamute\",\"score\":0.5}".formatted(filename));
		assertThat(feedback.status()).isIn(HttpStatus.CREATED, HttpStatus.OK);
		assertThat(feedback.body().get("success").asBoolean()).isTrue();
	}

	@Test
	void anOversizedPhotoIsExplainedOnThePageWith413() {
		byte[] huge = new byte[11 * 1024 * 1024];
		ThreadLocalRandom.current().nextBytes(huge);

		TextResponse response = postPage(huge);

		assertThat(response.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
		assertThat(response.headers().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
		assertThat(response.body()).contains("That photo is too large").contains("at most 10 MB");
	}

	@Test
	void noAnswerInTimeIsExplainedOnThePageWith504() {
		TextResponse response = postPage(TestImages.jpeg(12, 12));

		assertThat(response.status()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
		assertThat(response.body()).contains("No answer in time").contains("No model worker answered within 2 s")
			.doesNotContain("Exception");
	}

	@Test
	void anUnknownAddressIsAFriendlyPageForBrowsers() throws Exception {
		HttpResponse<String> response = raw("/no-such-page", "text/html");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).doesNotContain("Whitelabel").doesNotContain("Exception");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/display/..%2F..%2Fpom.xml", "/display/%2e%2e/%2e%2e/pom.xml",
			"/display/..%5C..%5Cpom.xml", "/display/%252e%252e%252fpom.xml", "/display/..;/..;/pom.xml" })
	void traversalThroughTheRealServerFindsNothing(String path) throws Exception {
		HttpResponse<String> response = raw(path, "*/*");

		assertThat(response.statusCode()).isIn(400, 404);
		assertThat(response.body()).doesNotContain("<project").doesNotContain("<artifactId>");
	}

	@Test
	void aStoredUploadIsServedOverRealHttp() throws Exception {
		byte[] png = TestImages.png(13, 13);
		String filename = this.uploads.store(png, Hashes.sha256Hex(png), ImageFormat.PNG);

		HttpResponse<String> response = raw("/display/" + filename, "image/*");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).contains("image/png");
		assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(
				(value) -> assertThat(value).contains("immutable").contains("max-age=31536000"));
	}

	private TextResponse postPage(byte[] photo) {
		MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
		form.add("file", ApiClient.file(photo, "photo.jpg"));
		return this.api.restClient()
			.post()
			.uri("/")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(form)
			.exchange((request, response) -> new TextResponse(response.getStatusCode(), response.getHeaders(),
					new String(response.getBody().readAllBytes())));
	}

	private HttpResponse<String> raw(String path, String accept) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", accept)
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
