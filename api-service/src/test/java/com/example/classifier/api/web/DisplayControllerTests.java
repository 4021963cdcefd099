package com.example.classifier.api.web;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import com.example.classifier.api.queue.QueueProperties;
import com.example.classifier.api.security.SecurityConfiguration;
import com.example.classifier.api.upload.ImageFormat;
import com.example.classifier.api.upload.TestImages;
import com.example.classifier.api.upload.UploadProperties;
import com.example.classifier.api.upload.UploadStore;
import com.example.classifier.common.Hashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code GET /display/{name}} on a real upload store: only names the store created, with the right headers. */
@WebMvcTest(DisplayController.class)
@Import({ UploadStore.class, SecurityConfiguration.class })
@EnableConfigurationProperties({ QueueProperties.class, UploadProperties.class })
class DisplayControllerTests {

	@TempDir
	static Path uploads;

	@Autowired
	MockMvc mvc;

	@Autowired
	UploadStore store;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("upload.dir", () -> uploads.toString());
	}

	@Test
	void servesAStoredUploadWithItsTypeAndAnImmutableCache() throws Exception {
		byte[] png = TestImages.png(5, 5);
		String sha = Hashes.sha256Hex(png);
		String name = this.store.store(png, sha, ImageFormat.PNG);

		this.mvc.perform(get("/display/{name}", name))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "image/png"))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable"))
			.andExpect(header().string(HttpHeaders.ETAG, "\"" + sha + "\""))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(content().bytes(png));
	}

	@Test
	void aJpegIsServedAsJpeg() throws Exception {
		byte[] jpeg = TestImages.jpeg(6, 6);
		String name = this.store.store(jpeg, Hashes.sha256Hex(jpeg), ImageFormat.JPEG);

		this.mvc.perform(get("/display/{name}", name))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "image/jpeg"));
	}

	@Test
	void aCachedCopyIsRevalidatedWithoutABody() throws Exception {
		byte[] png = TestImages.png(7, 7);
		String sha = Hashes.sha256Hex(png);
		String name = this.store.store(png, sha, ImageFormat.PNG);

		this.mvc.perform(get("/display/{name}", name).header(HttpHeaders.IF_NONE_MATCH, "\"" + sha + "\""))
			.andExpect(status().isNotModified())
			.andExpect(content().bytes(new byte[0]));
	}

	@Test
	void anUnknownHashIsNotFound() throws Exception {
		this.mvc.perform(get("/display/{name}", "a".repeat(64) + ".jpg"))
			.andExpect(status().isNotFound())
			.andExpect(content().bytes(new byte[0]));
	}

	@Test
	void otherFilesInTheUploadDirectoryAreNotServed() throws Exception {
		Files.writeString(uploads.resolve("secret.txt"), "secret");
		// Shaped like a stored name, but no image format of the store's has this extension.
		Files.writeString(uploads.resolve("b".repeat(64) + ".txt"), "secret");

		this.mvc.perform(get("/display/secret.txt")).andExpect(status().isNotFound());
		this.mvc.perform(get("/display/{name}", "b".repeat(64) + ".txt")).andExpect(status().isNotFound());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/display/..%2Fsecret.txt", "/display/%2e%2e%2fsecret.txt", "/display/..%252Fsecret.txt",
			"/display/..%5Csecret.txt", "/display/%2e%2e", "/display/../display/secret.txt",
			"/display/..%2F..%2F..%2Fetc%2Fpasswd" })
	void traversalAttemptsAreRefusedOrNotFound(String path) throws Exception {
		Files.writeString(uploads.resolve("secret.txt"), "content of the secret file");

		// Spring Security's firewall refuses encoded slashes, dots and percents first (400); whatever passes it
		// reaches the controller, which resolves only names the upload store made (404).
		MockHttpServletResponse response = this.mvc.perform(get(URI.create(path))).andReturn().getResponse();
		assertThat(response.getStatus()).isIn(400, 404);
		assertThat(response.getContentAsString()).doesNotContain("content of the secret file").doesNotContain("root:");
	}

}
