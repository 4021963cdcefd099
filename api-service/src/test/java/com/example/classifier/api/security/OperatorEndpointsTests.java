package com.example.classifier.api.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.example.classifier.api.system.ApiClient;
import com.example.classifier.api.system.ApiClient.TextResponse;
import com.example.classifier.common.test.RedisServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator gate on a real Tomcat with the real actuator: metrics, Prometheus and health details need the token;
 * everything a member of the public uses stays open; nothing sets a cookie.
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "operator.token=" + ApiClient.OPERATOR_TOKEN,
				"upload.dir=${java.io.tmpdir}/operator-endpoints-uploads" })
class OperatorEndpointsTests {

	private static final List<String> OPERATOR_PATHS = List.of("/actuator/prometheus", "/actuator/metrics",
			"/actuator/metrics/jvm.memory.used", "/actuator", "/actuator/info", "/feedback", "/feedback.csv");

	@LocalServerPort
	int port;

	private ApiClient anonymous;

	private ApiClient operator;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
	}

	@BeforeEach
	void clients() {
		this.anonymous = new ApiClient(this.port);
		this.operator = new ApiClient(this.port, ApiClient.OPERATOR_TOKEN);
	}

	@Test
	void operatorEndpointsAnswer401WithoutTheTokenAnd200WithIt() {
		for (String path : OPERATOR_PATHS) {
			TextResponse refused = this.anonymous.get(path);
			assertThat(refused.status()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(refused.headers().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.as(path)
				.isTrue();
			assertThat(refused.body()).as(path).contains("\"status\":401").contains("\"success\":false");
			assertThat(refused.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).as("no Basic dialog")
				.isEqualTo("Bearer realm=\"operator\"");
			assertThat(this.operator.get(path).status()).as(path).isEqualTo(HttpStatus.OK);
		}
		assertThat(this.operator.get("/actuator/prometheus").body()).contains("classifier_queue_depth");
	}

	@Test
	void springSecurityKeepsNoObservationsPerRequest() {
		// Turned off for their cost (application.yml): every filter of every request was timed.
		for (int i = 0; i < 3; i++) {
			this.anonymous.get("/");
		}
		assertThat(this.operator.get("/actuator/prometheus").body()).contains("http_server_requests")
			.doesNotContain("spring_security_");
	}

	@Test
	void aWrongTokenIsRefusedEvenOnAPublicPathAndAShortOrLongerOneToo() {
		for (String token : List.of("wrong", ApiClient.OPERATOR_TOKEN + "x", ApiClient.OPERATOR_TOKEN.substring(1))) {
			String header = "Bearer " + token;
			assertThat(status("/actuator/prometheus", header)).as(header).isEqualTo(401);
			assertThat(status("/", header)).as("a stale scraper token hears so at once").isEqualTo(401);
		}
	}

	@Test
	void theTokenIsAlsoAcceptedAsTheBasicPasswordWithAnyUserName() {
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString(("prometheus:" + ApiClient.OPERATOR_TOKEN).getBytes(StandardCharsets.UTF_8));
		assertThat(status("/actuator/prometheus", basic)).isEqualTo(200);
		String wrong = "Basic " + Base64.getEncoder().encodeToString("operator:guess".getBytes(StandardCharsets.UTF_8));
		assertThat(status("/actuator/prometheus", wrong)).isEqualTo(401);
	}

	@Test
	void healthShowsOnlyItsStatusToThePublicAndItsDetailsToTheOperator() {
		TextResponse status = this.anonymous.get("/actuator/health");
		assertThat(status.body()).contains("\"status\"").doesNotContain("components").doesNotContain("version");
		String details = this.operator.get("/actuator/health").body();
		assertThat(details).contains("\"components\"").contains("\"redis\"").contains("\"version\"")
			.contains("\"modelWorkers\"");
		assertThat(this.anonymous.get("/actuator/health/liveness").status()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void publicEndpointsNeedNoTokenAndNothingSetsACookie() {
		for (String path : List.of("/", "/css/site.css", "/js/upload.js", "/v3/api-docs", "/swagger-ui/index.html",
				"/actuator/health/liveness")) {
			TextResponse response = this.anonymous.get(path);
			assertThat(response.status()).as(path).isEqualTo(HttpStatus.OK);
			assertThat(response.headers().get(HttpHeaders.SET_COOKIE)).as(path).isNull();
		}
		// No model worker runs here, so the status is OUT_OF_SERVICE (503); what matters is that it is answered.
		assertThat(this.anonymous.get("/actuator/health").body()).contains("\"status\":\"OUT_OF_SERVICE\"")
			.doesNotContain("components");
		assertThat(this.anonymous.get("/jobs/no-such-job").status()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.anonymous.get("/display/" + "a".repeat(64) + ".jpg").status()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.operator.get("/actuator/prometheus").headers().get(HttpHeaders.SET_COOKIE)).isNull();
	}

	@Test
	void theApiDocsTellThatReadingFeedbackNeedsTheToken() {
		String docs = this.anonymous.get("/v3/api-docs").body();
		assertThat(docs).contains("\"operator\"").contains("\"scheme\":\"bearer\"");
	}

	private int status(String path, String authorization) {
		return this.anonymous.restClient()
			.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.exchange((request, response) -> response.getStatusCode().value());
	}

}
