package com.example.classifier.api.security;

import java.util.List;

import com.example.classifier.api.system.ApiClient;
import com.example.classifier.api.system.ApiClient.TextResponse;
import com.example.classifier.common.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A deployment without {@code operator.token}: the operator endpoints are off, whatever a caller sends. */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "operator.token=", "upload.dir=${java.io.tmpdir}/operator-off-uploads" })
class OperatorEndpointsOffTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
	}

	@Test
	void operatorEndpointsAre404EvenWithACredential() {
		ApiClient guess = new ApiClient(this.port, "any-token-someone-might-guess");
		for (ApiClient client : List.of(new ApiClient(this.port), guess)) {
			for (String path : List.of("/feedback", "/feedback.csv", "/actuator/prometheus", "/actuator/metrics")) {
				TextResponse response = client.get(path);
				assertThat(response.status()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
				assertThat(response.body()).as(path).doesNotContain("items").doesNotContain("jvm_");
			}
		}
	}

	@Test
	void thePublicPartWorksAsBeforeAndHealthShowsOnlyItsStatus() {
		ApiClient api = new ApiClient(this.port);
		assertThat(api.get("/").status()).isEqualTo(HttpStatus.OK);
		assertThat(api.postJson("/feedback", "{\"filename\":\"nope.jpg\",\"score\":2}").status())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(api.get("/actuator/health").body()).doesNotContain("components");
	}

}
