package com.example.classifier.api.predict;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import com.example.classifier.api.queue.JobQueue;
import com.example.classifier.api.queue.JobQueue.SubmittedJob;
import com.example.classifier.api.upload.TestImages;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.Prediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP contract of {@code POST /predict}; the queue is the edge replaced here. */
@PredictSlice
class PredictControllerTests {

	@TempDir
	static Path uploads;

	@Autowired
	MockMvc mvc;

	@MockitoBean
	JobQueue queue;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("upload.dir", () -> uploads.toString());
	}

	@Test
	void answersWithTheTopClassAndTheTop5() throws Exception {
		List<Prediction> top = List.of(new Prediction(249, "malamute", 0.83), new Prediction(248, "Eskimo dog", 0.1));
		given(this.queue.submit(any(), anyString(), any())).willReturn(new SubmittedJob("job-1", CompletableFuture
			.completedFuture(ClassificationResult.ok("job-1", "mobilenetv2@1234", top, 42, 1, "model-1"))));

		MvcResult pending = this.mvc.perform(multipart("/predict").file(photo(TestImages.jpeg(32, 32))))
			.andExpect(request().asyncStarted())
			.andReturn();
		this.mvc.perform(asyncDispatch(pending))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.success").value(true))
			.andExpect(jsonPath("$.prediction").value("malamute"))
			.andExpect(jsonPath("$.score").value(0.83))
			.andExpect(jsonPath("$.jobId").value("job-1"))
			.andExpect(jsonPath("$.model").value("mobilenetv2@1234"))
			.andExpect(jsonPath("$.predictions[1].index").value(248))
			.andExpect(jsonPath("$.filename").value(org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}\\.jpg")));
	}

	@Test
	void missingFileIsABadRequest() throws Exception {
		this.mvc.perform(multipart("/predict").param("other", "x"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.success").value(false))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("'file'")));
	}

	@Test
	void emptyFileIsABadRequest() throws Exception {
		this.mvc.perform(multipart("/predict").file(photo(new byte[0])))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.success").value(false))
			.andExpect(jsonPath("$.detail").value("The file is empty."));
	}

	@Test
	void textNamedJpgIsABadRequest() throws Exception {
		this.mvc.perform(multipart("/predict").file(photo("just text".getBytes(StandardCharsets.UTF_8))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.success").value(false))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("not an image")));
	}

	@Test
	void truncatedJpegIsUnprocessable() throws Exception {
		this.mvc.perform(multipart("/predict").file(photo(TestImages.truncated(TestImages.jpeg(64, 64)))))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.success").value(false))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("truncated")));
	}

	@Test
	void getIsNotAllowed() throws Exception {
		this.mvc.perform(get("/predict")).andExpect(status().isMethodNotAllowed())
			.andExpect(jsonPath("$.success").value(false));
	}

	@Test
	void noAnswerInTimeIsAGatewayTimeout() throws Exception {
		given(this.queue.submit(any(), anyString(), any()))
			.willReturn(new SubmittedJob("job-2", CompletableFuture.failedFuture(new TimeoutException())));
		MvcResult pending = this.mvc.perform(multipart("/predict").file(photo(TestImages.jpeg(8, 8)))).andReturn();
		this.mvc.perform(asyncDispatch(pending))
			.andExpect(status().isGatewayTimeout())
			.andExpect(jsonPath("$.success").value(false))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("No model worker answered")));
	}

	@Test
	void anImageTheWorkerCannotDecodeIsUnprocessable() throws Exception {
		given(this.queue.submit(any(), anyString(), any())).willReturn(new SubmittedJob("job-3", CompletableFuture
			.completedFuture(ClassificationResult.failed("job-3", "m", "cannot decode", "model-1"))));
		MvcResult pending = this.mvc.perform(multipart("/predict").file(photo(TestImages.jpeg(8, 8)))).andReturn();
		this.mvc.perform(asyncDispatch(pending))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("cannot decode")));
	}

	@Test
	void redisDownIsServiceUnavailable() throws Exception {
		given(this.queue.submit(any(), anyString(), any())).willThrow(new QueryTimeoutException("Redis down"));
		this.mvc.perform(multipart("/predict").file(photo(TestImages.jpeg(8, 8))))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.success").value(false));
	}

	private static MockMultipartFile photo(byte[] bytes) {
		return new MockMultipartFile("file", "photo.jpg", "image/jpeg", bytes);
	}

}
