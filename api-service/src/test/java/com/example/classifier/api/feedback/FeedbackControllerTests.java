package com.example.classifier.api.feedback;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.example.classifier.api.queue.QueueProperties;
import com.example.classifier.api.security.SecurityConfiguration;
import com.example.classifier.api.upload.ImageFormat;
import com.example.classifier.api.upload.TestImages;
import com.example.classifier.api.upload.UploadProperties;
import com.example.classifier.api.upload.UploadStore;
import com.example.classifier.common.Hashes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The feedback API's contract behind the production security chain: JSON reports from anyone, validation as problem
 * details, a capped body, and paging and CSV for operators only. Redis is the edge replaced here;
 * {@code FeedbackStoreTests} covers it for real.
 */
@WebMvcTest(controllers = FeedbackController.class, properties = "operator.token=" + FeedbackControllerTests.TOKEN)
@Import({ FeedbackService.class, UploadStore.class, FeedbackControllerTests.FixedClock.class,
		SecurityConfiguration.class })
@EnableConfigurationProperties({ QueueProperties.class, UploadProperties.class, FeedbackProperties.class })
class FeedbackControllerTests {

	static final String TOKEN = "feedback-operator-token-0123456789";

	private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");

	private static final String JOB_ID = "0b6e7c1e-3f4a-4c1b-9a55-0d8d5c1f2e3a";

	@TempDir
	static Path uploads;

	@Autowired
	MockMvc mvc;

	@Autowired
	UploadStore uploadStore;

	@MockitoBean
	FeedbackStore store;

	private String filename;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("upload.dir", () -> uploads.toString());
	}

	@BeforeEach
	void storeAPhoto() {
		byte[] png = TestImages.png(3, 3);
		this.filename = this.uploadStore.store(png, Hashes.sha256Hex(png), ImageFormat.PNG);
	}

	@Test
	void aNewReportIsCreatedOncePerPhoto() throws Exception {
		given(this.store.append(anyString(), any())).willReturn(new FeedbackStore.Appended("1700000000000-0", true));

		this.mvc.perform(json("{\"jobId\":\"%s\",\"filename\":\"%s\",\"prediction\":\"malamute\",\"score\":0.83,\"correctLabel\":\"Siberian husky\"}"
			.formatted(JOB_ID, this.filename)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.success").value(true))
			.andExpect(jsonPath("$.id").value("1700000000000-0"))
			.andExpect(jsonPath("$.duplicate").value(false));

		verify(this.store).append("file:" + this.filename,
				Map.of("createdAt", NOW.toString(), "jobId", JOB_ID, "filename", this.filename, "prediction",
						"malamute", "score", "0.83", "correctLabel", "Siberian husky"));
	}

	@Test
	void aRepeatedReportIsAnsweredAsADuplicate() throws Exception {
		given(this.store.append(anyString(), any())).willReturn(new FeedbackStore.Appended("1700000000000-0", false));

		this.mvc.perform(json("{\"filename\":\"%s\",\"prediction\":\"malamute\",\"score\":0.83}".formatted(this.filename)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.duplicate").value(true))
			.andExpect(jsonPath("$.id").value("1700000000000-0"));
	}

	@Test
	void aReportMayNameOnlyAJobWhoseResultIsKnown() throws Exception {
		given(this.store.isKnownJob(JOB_ID)).willReturn(true);
		given(this.store.append(anyString(), any())).willReturn(new FeedbackStore.Appended("5-0", true));

		this.mvc.perform(json("{\"jobId\":\"%s\",\"prediction\":\"malamute\",\"score\":0.5}".formatted(JOB_ID)))
			.andExpect(status().isCreated());
		verify(this.store).append(eq("job:" + JOB_ID), any());
	}

	@Test
	void anUnknownJobIsABadRequest() throws Exception {
		this.mvc.perform(json("{\"jobId\":\"%s\",\"prediction\":\"malamute\",\"score\":0.5}".formatted(JOB_ID)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.success").value(false))
			.andExpect(jsonPath("$.detail").value(containsString("jobId is unknown")));
		verify(this.store, never()).append(anyString(), any());
	}

	@Test
	void anUnknownFileIsABadRequest() throws Exception {
		this.mvc.perform(json("{\"filename\":\"%s.jpg\",\"prediction\":\"malamute\",\"score\":0.5}".formatted("c".repeat(64))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.success").value(false))
			.andExpect(jsonPath("$.errors").value(hasItem("filename names no stored upload")));
	}

	@Test
	void invalidFieldsAreListedInTheProblem() throws Exception {
		this.mvc.perform(json("{\"filename\":\"../../etc/passwd\",\"prediction\":\" \",\"score\":1.5}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.success").value(false))
			.andExpect(jsonPath("$.title").value("Bad Request"))
			.andExpect(jsonPath("$.errors").value(hasItem(containsString("filename must be a stored file name"))))
			.andExpect(jsonPath("$.errors").value(hasItem("prediction must not be blank")))
			.andExpect(jsonPath("$.errors").value(hasItem(containsString("score must be less than or equal to 1"))));
		verify(this.store, never()).append(anyString(), any());
	}

	@Test
	void aReportMustNameAJobOrAFile() throws Exception {
		this.mvc.perform(json("{\"prediction\":\"malamute\",\"score\":0.5}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors").value(hasItem("jobId or filename is required")));
	}

	@Test
	void aMissingScoreIsABadRequest() throws Exception {
		this.mvc.perform(json("{\"filename\":\"%s\",\"prediction\":\"malamute\"}".formatted(this.filename)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors").value(hasItem("score must not be null")));
	}

	@Test
	void malformedJsonIsABadRequest() throws Exception {
		this.mvc.perform(json("{\"filename\": "))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.success").value(false));
		this.mvc.perform(json("{\"filename\":\"%s\",\"prediction\":\"x\",\"score\":\"high\"}".formatted(this.filename)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.success").value(false));
	}

	@Test
	void aTextBodyIsAnUnsupportedMediaType() throws Exception {
		this.mvc.perform(post("/feedback").contentType(MediaType.TEXT_PLAIN).content("wrong"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(jsonPath("$.success").value(false));
	}

	@Test
	void theFirstPageHasNoCursorWhenNothingFollows() throws Exception {
		given(this.store.after(null, 51)).willReturn(List.of(entry("1-0", "malamute"), entry("2-0", "tabby")));

		this.mvc.perform(operator(get("/feedback")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.items.length()").value(2))
			.andExpect(jsonPath("$.items[0].id").value("1-0"))
			.andExpect(jsonPath("$.items[0].prediction").value("malamute"))
			.andExpect(jsonPath("$.items[0].createdAt").value(NOW.toString()))
			.andExpect(jsonPath("$.items[1].filename").value("f.jpg"))
			.andExpect(jsonPath("$.next").doesNotExist());
	}

	@Test
	void aFullPageGivesTheCursorOfItsLastEntry() throws Exception {
		given(this.store.after("1-0", 3))
			.willReturn(List.of(entry("2-0", "a"), entry("3-0", "b"), entry("4-0", "c")));

		this.mvc.perform(operator(get("/feedback")).param("after", "1-0").param("size", "2"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(2))
			.andExpect(jsonPath("$.items[1].id").value("3-0"))
			.andExpect(jsonPath("$.next").value("3-0"));
	}

	@Test
	void aHugePageIsCappedToTheMaximum() throws Exception {
		given(this.store.after(isNull(), anyInt())).willReturn(List.of());
		this.mvc.perform(operator(get("/feedback")).param("size", "1000000")).andExpect(status().isOk());
		verify(this.store).after(null, 501);
	}

	@Test
	void badPagingParametersAreBadRequests() throws Exception {
		this.mvc.perform(operator(get("/feedback")).param("after", "'; DROP"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.success").value(false))
			.andExpect(jsonPath("$.detail").value(containsString("after must be a cursor")));
		this.mvc.perform(operator(get("/feedback")).param("size", "0"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("size must be at least 1")));
		this.mvc.perform(operator(get("/feedback")).param("size", "ten"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.success").value(false));
	}

	@Test
	void theCsvExportIsADownloadWithEveryReport() throws Exception {
		given(this.store.after(null, 500)).willReturn(List.of(entry("1-0", "malamute"),
				new FeedbackEntry("2-0", NOW, null, "g.png", "tabby, tabby cat", 0.25, "=cmd \"quoted\"")));

		this.mvc.perform(operator(get("/feedback.csv")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"feedback.csv\""))
			.andExpect(content().string("id,createdAt,jobId,filename,prediction,score,correctLabel,known,report\r\n"
					+ "1-0,2026-11-27T10:15:30Z,job,f.jpg,malamute,0.5,,true,\r\n"
					+ "2-0,2026-11-27T10:15:30Z,,g.png,\"tabby, tabby cat\",0.25,\"'=cmd \"\"quoted\"\"\",true,\r\n"));
	}

	@Test
	void readingReportsWithoutTheOperatorTokenIsAJson401WithoutLoginPageOrBasicChallenge() throws Exception {
		for (MockHttpServletRequestBuilder request : List.of(get("/feedback"), get("/feedback.csv"),
				head("/feedback"), get("/feedback").header(HttpHeaders.AUTHORIZATION, "Bearer wrong-" + TOKEN),
				get("/feedback.csv").header(HttpHeaders.AUTHORIZATION, "Basic " + basic("operator", "nope")))) {
			this.mvc.perform(request)
				.andExpect(status().isUnauthorized())
				.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
				.andExpect(header().doesNotExist(HttpHeaders.LOCATION))
				.andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE));
		}
		this.mvc.perform(get("/feedback"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(jsonPath("$.success").value(false))
			.andExpect(jsonPath("$.detail").value(containsString("Authorization: Bearer")));
		verify(this.store, never()).after(any(), anyInt());
	}

	@Test
	void theOperatorTokenAlsoWorksAsTheBasicPassword() throws Exception {
		given(this.store.after(null, 500)).willReturn(List.of());
		this.mvc.perform(get("/feedback.csv").header(HttpHeaders.AUTHORIZATION, "Basic " + basic("anyone", TOKEN)))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"));
	}

	@Test
	void anyoneMayStillPostAReportWithoutAToken() throws Exception {
		given(this.store.append(anyString(), any())).willReturn(new FeedbackStore.Appended("9-0", true));
		this.mvc.perform(json("{\"filename\":\"%s\",\"prediction\":\"cat\",\"score\":0.4}".formatted(this.filename)))
			.andExpect(status().isCreated())
			.andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE));
	}

	@Test
	void aReportOverTheBodyCapIsRefusedWith413BeforeItIsParsed() throws Exception {
		String padded = "{\"filename\":\"%s\",\"prediction\":\"%s\",\"score\":0.4}".formatted(this.filename,
				"x".repeat(16 * 1024));
		this.mvc.perform(json(padded))
			.andExpect(status().isContentTooLarge())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.success").value(false))
			.andExpect(jsonPath("$.detail").value("A feedback report is at most 16384 bytes."));
		verify(this.store, never()).append(anyString(), any());
	}

	@Test
	void aReportJustUnderTheBodyCapIsRead() throws Exception {
		// Padded with spaces to just under the cap: still read and validated as a whole.
		String body = "{\"filename\":\"%s\",\"prediction\":\"cat\",\"score\":0.4}".formatted(this.filename);
		given(this.store.append(anyString(), any())).willReturn(new FeedbackStore.Appended("8-0", true));
		this.mvc.perform(json(body + " ".repeat(16 * 1024 - body.length())))
			.andExpect(status().isCreated());
	}

	private static String basic(String user, String password) {
		return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static FeedbackEntry entry(String id, String prediction) {
		return new FeedbackEntry(id, NOW, "job", "f.jpg", prediction, 0.5, null);
	}

	private static MockHttpServletRequestBuilder operator(MockHttpServletRequestBuilder request) {
		return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
	}

	private static MockHttpServletRequestBuilder json(String body) {
		return post("/feedback").contentType(MediaType.APPLICATION_JSON).content(body);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

}
