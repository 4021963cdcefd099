package com.example.classifier.api.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import com.example.classifier.api.feedback.FeedbackService;
import com.example.classifier.api.feedback.InvalidFeedbackRequestException;
import com.example.classifier.api.models.ModelRoutingBeans;
import com.example.classifier.api.predict.ClassificationMetrics;
import com.example.classifier.api.predict.ClassificationService;
import com.example.classifier.api.predict.ModelComparison;
import com.example.classifier.api.queue.JobQueue;
import com.example.classifier.api.queue.JobQueue.SubmittedJob;
import com.example.classifier.api.queue.QueueFullException;
import com.example.classifier.api.queue.QueueProperties;
import com.example.classifier.api.security.SecurityConfiguration;
import com.example.classifier.api.upload.ImageInspector;
import com.example.classifier.api.upload.TestImages;
import com.example.classifier.api.upload.UploadProperties;
import com.example.classifier.api.upload.UploadStore;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.Hashes;
import com.example.classifier.common.Prediction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The web page's routes, statuses and messages, behind the production security chain; the queue and the feedback
 * service are the edges replaced here.
 */
@WebMvcTest(WebController.class)
@Import({ ClassificationService.class, ImageInspector.class, UploadStore.class, ClassificationMetrics.class,
		SimpleMeterRegistry.class, SecurityConfiguration.class, ModelRoutingBeans.class, ModelComparison.class })
@EnableConfigurationProperties({ QueueProperties.class, UploadProperties.class })
class WebControllerTests {

	@TempDir
	static Path uploads;

	@Autowired
	MockMvc mvc;

	@MockitoBean
	JobQueue queue;

	@MockitoBean
	FeedbackService feedback;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("upload.dir", () -> uploads.toString());
	}

	@Test
	void thePageOffersTheUploadFormWithOnlyExternalScriptAndNoCookie() throws Exception {
		MvcResult result = this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("enctype=\"multipart/form-data\"")))
			.andExpect(content().string(containsString("name=\"file\"")))
			.andExpect(content().string(containsString("<script src=\"/js/upload.js\" defer></script>")))
			.andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE))
			.andReturn();
		assertThat(result.getResponse().getContentAsString()).doesNotContain("_csrf")
			.doesNotContainPattern("<script(?![^>]*\\bsrc=)");
		assertThat(result.getRequest().getSession(false)).as("no session").isNull();
	}

	@Test
	void everyResponseCarriesTheSecurityHeadersFromSpringSecurity() throws Exception {
		this.mvc.perform(get("/"))
			.andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
			.andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
			.andExpect(header().string("Content-Security-Policy", not(containsString("unsafe-inline"))))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string("Referrer-Policy", "same-origin"))
			.andExpect(header().string("Permissions-Policy", containsString("camera=()")));
		// An error page too: the headers do not depend on the handler answering normally.
		this.mvc.perform(multipart("/").file(photo("not a photo".getBytes(StandardCharsets.UTF_8))))
			.andExpect(status().isBadRequest())
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("Content-Security-Policy", containsString("default-src 'self'")));
	}

	@Test
	void aPhotoIsAnsweredWithItsClassScoreTop5AndImage() throws Exception {
		byte[] photo = TestImages.jpeg(32, 32);
		List<Prediction> top = List.of(new Prediction(249, "malamute", 0.834), new Prediction(248, "Eskimo dog", 0.1),
				new Prediction(250, "Siberian husky", 0.05), new Prediction(537, "dogsled", 0.01),
				new Prediction(270, "white wolf", 0.006));
		given(this.queue.submit(any(), anyString(), any())).willReturn(new SubmittedJob("job-1", CompletableFuture
			.completedFuture(ClassificationResult.ok("job-1", "mobilenetv2@1234", top, 42, 1, "model-1"))));

		MvcResult pending = this.mvc.perform(multipart("/").file(photo(photo)))
			.andExpect(request().asyncStarted())
			.andReturn();
		String page = this.mvc.perform(asyncDispatch(pending))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("<strong id=\"prediction\">malamute</strong>")
			.contains("<span id=\"score\">83.4 %</span>")
			.contains("src=\"/display/" + Hashes.sha256Hex(photo) + ".jpg\"")
			.contains("Siberian husky", "white wolf", "0.6 %")
			.contains("Report incorrect answer")
			.contains("&quot;jobId&quot;:&quot;job-1&quot;", "&quot;prediction&quot;:&quot;malamute&quot;");
		assertThat(page.split("<meter ", -1)).hasSize(6);
	}

	/** A photo storage with room for nothing: the photo is still classified, and the page says it was not kept. */
	@Nested
	@TestPropertySource(properties = "upload.max-total-size=1B")
	class WithNoRoomToKeepPhotos {

		// This class's own context (its property differs); the enclosing instance's fields belong to the outer one.
		@Autowired
		MockMvc mvc;

		@Autowired
		JobQueue queue;

		@Test
		void aPhotoIsStillAnsweredAndThePageSaysItWasNotKept() throws Exception {
			// A size no other test sends: the directory is shared, and content stored already is only touched.
			byte[] photo = TestImages.jpeg(37, 29);
			given(this.queue.submit(any(), anyString(), any())).willReturn(new SubmittedJob("job-2",
					CompletableFuture.completedFuture(ClassificationResult.ok("job-2", "mobilenetv2@1234",
							List.of(new Prediction(249, "malamute", 0.834)), 42, 1, "model-1"))));

			MvcResult pending = this.mvc.perform(multipart("/").file(photo(photo)))
				.andExpect(request().asyncStarted())
				.andReturn();
			String page = this.mvc.perform(asyncDispatch(pending))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();

			assertThat(page).contains("<strong id=\"prediction\">malamute</strong>")
				.contains("id=\"photo-not-kept\"")
				.doesNotContain("src=\"/display/");
		}

	}

	@Test
	void noPhotoChosenRedirectsBackToThePageWithTheMessage() throws Exception {
		this.mvc
			.perform(multipart("/").file(new MockMultipartFile("file", "", "application/octet-stream",
					new byte[0])))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/?photo=missing"));
		assertTheRedirectEndsOnThePageWithTheMessage();
		assertNothingQueued();
	}

	@Test
	void noFilePartRedirectsBackToThePageWithTheMessage() throws Exception {
		this.mvc.perform(multipart("/").param("other", "x"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/?photo=missing"));
	}

	@Test
	void postWithNoBodyAndNoContentTypeRedirectsToThePageAsTheSeedDid() throws Exception {
		// The seed's test_index: requests.request("POST", "http://.../") with nothing else, then expects 200.
		this.mvc.perform(post("/"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/?photo=missing"))
			.andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE));
		assertTheRedirectEndsOnThePageWithTheMessage();
		assertNothingQueued();
	}

	private void assertTheRedirectEndsOnThePageWithTheMessage() throws Exception {
		this.mvc.perform(get("/?photo=missing"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Please choose a photo first.")));
		this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("Please choose a photo first."))));
	}

	@Test
	void aTextFileIsABadRequestExplainedOnThePage() throws Exception {
		this.mvc.perform(multipart("/").file(photo("not a photo".getBytes(StandardCharsets.UTF_8))))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("That file cannot be classified")))
			.andExpect(content().string(containsString("The file is not an image")));
		assertNothingQueued();
	}

	@Test
	void anEmptyNamedFileIsABadRequest() throws Exception {
		this.mvc.perform(multipart("/").file(photo(new byte[0])))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("The file is empty.")));
	}

	@Test
	void aTruncatedPhotoIsUnprocessable() throws Exception {
		this.mvc.perform(multipart("/").file(photo(TestImages.truncated(TestImages.jpeg(64, 64)))))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("truncated")));
	}

	@Test
	void webpIsAnUnsupportedMediaType() throws Exception {
		this.mvc.perform(multipart("/").file(photo(TestImages.webp())))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().string(containsString("not supported")));
	}

	@Test
	void aPhotoOverTheLimitIsTooLarge() throws Exception {
		// What the lazily parsed multipart request throws when the page first reads an oversized part.
		MockMultipartFile huge = new MockMultipartFile("file", "huge.jpg", "image/jpeg", new byte[] { 1 }) {
			@Override
			public byte[] getBytes() {
				throw new MaxUploadSizeExceededException(10 * 1024 * 1024);
			}
		};
		this.mvc.perform(multipart("/").file(huge))
			.andExpect(status().isContentTooLarge())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("That photo is too large")))
			.andExpect(content().string(containsString("at most 10 MB")));
	}

	@Test
	void anUnavailableQueueIsABusyClassifier() throws Exception {
		given(this.queue.submit(any(), anyString(), any())).willThrow(new QueryTimeoutException("Redis down"));
		this.mvc.perform(multipart("/").file(photo(TestImages.jpeg(8, 8))))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().string(containsString("The classifier is busy")));
	}

	@Test
	void aFullQueueIsABusyClassifierWithRetryAfter() throws Exception {
		given(this.queue.submit(any(), anyString(), any())).willThrow(
				new QueueFullException("The service is busy (16 jobs waiting); please retry in 4 s.", Duration.ofSeconds(4)));
		this.mvc.perform(multipart("/").file(photo(TestImages.jpeg(8, 8))))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string(HttpHeaders.RETRY_AFTER, "4"))
			.andExpect(content().string(containsString("The classifier is busy")))
			.andExpect(content().string(containsString("please retry in 4 s")));
	}

	@Test
	void noAnswerInTimeIsAGatewayTimeoutExplainedOnThePage() throws Exception {
		given(this.queue.submit(any(), anyString(), any()))
			.willReturn(new SubmittedJob("job-2", CompletableFuture.failedFuture(new TimeoutException())));
		MvcResult pending = this.mvc.perform(multipart("/").file(photo(TestImages.jpeg(8, 8))))
			.andReturn();
		this.mvc.perform(asyncDispatch(pending))
			.andExpect(status().isGatewayTimeout())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("No answer in time")))
			.andExpect(content().string(containsString("No model worker answered")))
			.andExpect(content().string(not(containsString("Exception"))));
	}

	@Test
	void aPhotoTheWorkerCannotDecodeIsUnprocessable() throws Exception {
		given(this.queue.submit(any(), anyString(), any())).willReturn(new SubmittedJob("job-3", CompletableFuture
			.completedFuture(ClassificationResult.failed("job-3", "m", "cannot decode", "model-1"))));
		MvcResult pending = this.mvc.perform(multipart("/").file(photo(TestImages.jpeg(8, 8))))
			.andReturn();
		this.mvc.perform(asyncDispatch(pending))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("cannot decode")));
	}

	@Test
	void aFormPostFromAnotherSiteIsAnsweredLikeAnyOtherAndLeavesNoCookie() throws Exception {
		// No CSRF token any more: the service keeps no session and sets no cookie, so a cross-site post carries no
		// identity and can do only what its sender could do directly (classify a photo, report an answer).
		given(this.queue.submit(any(), anyString(), any())).willReturn(new SubmittedJob("job-4", CompletableFuture
			.completedFuture(ClassificationResult.ok("job-4", "m", List.of(new Prediction(1, "goldfish", 0.9)), 1, 1,
					"model-1"))));
		MvcResult pending = this.mvc
			.perform(multipart("/").file(photo(TestImages.jpeg(8, 8)))
				.header(HttpHeaders.ORIGIN, "https://elsewhere.example"))
			.andReturn();
		this.mvc.perform(asyncDispatch(pending))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE))
			.andExpect(content().string(containsString("goldfish")));
	}

	@Test
	void aReportIsConfirmedOnThePage() throws Exception {
		given(this.feedback.recordReport("{\"filename\":\"x\"}", "husky"))
			.willReturn(new FeedbackService.Recorded("1-0", true));
		this.mvc.perform(form("/feedback").param("report", "{\"filename\":\"x\"}")
			.param("correctLabel", "husky"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("Thank you! Your report was saved")));
	}

	@Test
	void aRepeatedReportIsConfirmedAsAlreadyKnown() throws Exception {
		given(this.feedback.recordReport(anyString(), any())).willReturn(new FeedbackService.Recorded("1-0", false));
		this.mvc.perform(form("/feedback").param("report", "{}"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("already been reported")));
	}

	@Test
	void anInvalidReportIsABadRequestExplainedOnThePage() throws Exception {
		given(this.feedback.recordReport(anyString(), any())).willThrow(new InvalidFeedbackRequestException(
				"The report was not accepted", List.of("filename names no stored upload")));
		this.mvc.perform(form("/feedback").param("report", "{}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("The report could not be saved")))
			.andExpect(content().string(containsString("filename names no stored upload")));
	}

	@Test
	void aReportWithoutItsFieldIsABadRequest() throws Exception {
		this.mvc.perform(form("/feedback").param("correctLabel", "cat"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("The report was empty")));
		verifyNoInteractions(this.feedback);
	}

	private static MockHttpServletRequestBuilder form(String path) {
		return post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED);
	}

	private static MockMultipartFile photo(byte[] bytes) {
		return new MockMultipartFile("file", "photo.jpg", "image/jpeg", bytes);
	}

	@Test
	void aFullQueueRefusesTheFormBeforeReadingIt() throws Exception {
		willThrow(new QueueFullException("The service is busy (9 jobs waiting); please retry in 3 s.",
				Duration.ofSeconds(3)))
			.given(this.queue)
			.reserveUpload(any());

		// The refusal comes before anything reads the form.
		this.mvc.perform(multipart("/").file(photo(TestImages.jpeg(8, 8))))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "3"))
			.andExpect(content().string(containsString("The classifier is busy")));
		assertNothingQueued();
	}

	private void assertNothingQueued() {
		verify(this.queue, never()).submit(any(), anyString(), any());
		verify(this.queue, never()).submitDetached(any(), anyString(), any());
	}

}
