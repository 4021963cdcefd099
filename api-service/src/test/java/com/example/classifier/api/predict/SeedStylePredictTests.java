package com.example.classifier.api.predict;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.example.classifier.api.queue.JobQueue;
import com.example.classifier.api.queue.JobQueue.SubmittedJob;
import com.example.classifier.api.upload.TestImages;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.Prediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;

/**
 * {@code api.response-style=seed}: exactly the seed's keys, as its {@code test_integration.py} asserts
 * ({@code assert set(data.keys()) == {"success", "prediction", "score"}}).
 */
@PredictSlice
class SeedStylePredictTests {

	@TempDir
	static Path uploads;

	@Autowired
	MockMvc mvc;

	@MockitoBean
	JobQueue queue;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("upload.dir", () -> uploads.toString());
		registry.add("api.response-style", () -> "seed");
	}

	@Test
	void answersExactlyTheSeedsThreeKeysWithTheScoreRoundedTo4Decimals() throws Exception {
		List<Prediction> top = List.of(new Prediction(248, "Eskimo_dog", 0.93455), new Prediction(250, "x", 0.01));
		given(this.queue.submit(any(), anyString(), any())).willReturn(new SubmittedJob("job-1", CompletableFuture
			.completedFuture(ClassificationResult.ok("job-1", "resnet50@2cb95161", top, 42, 1, "model-1"))));
		MvcResult pending = this.mvc.perform(multipart("/predict").file(photo(TestImages.jpeg(32, 32))))
			.andExpect(request().asyncStarted())
			.andReturn();
		MvcResult done = this.mvc.perform(asyncDispatch(pending)).andReturn();
		assertThat(done.getResponse().getStatus()).isEqualTo(200);
		// Python's round(0.93455, 4) is 0.9345: the stored double is just below the half.
		assertThat(body(done)).containsExactly(Map.entry("success", true), Map.entry("prediction", "Eskimo_dog"),
				Map.entry("score", 0.9345));
	}

	@Test
	void aMissingFileIs400WithTheSeedsEmptyAnswer() throws Exception {
		MvcResult result = this.mvc.perform(multipart("/predict")).andReturn();
		assertSeedFailure(result, 400);
	}

	@Test
	void anEmptyFileIs400WithTheSeedsEmptyAnswer() throws Exception {
		assertSeedFailure(this.mvc.perform(multipart("/predict").file(photo(new byte[0]))).andReturn(), 400);
	}

	@Test
	void aTypeItDoesNotTakeIs415WithTheSeedsEmptyAnswer() throws Exception {
		assertSeedFailure(this.mvc.perform(multipart("/predict").file(photo(TestImages.webp()))).andReturn(), 415);
	}

	@Test
	void roundsAsPythonDoes() {
		assertThat(SeedResponse.round4(0.93455)).isEqualTo(0.9345);
		assertThat(SeedResponse.round4(0.12345)).isEqualTo(0.1235);
		assertThat(SeedResponse.round4(0.99995)).isEqualTo(1.0);
		assertThat(SeedResponse.round4(0.8300001)).isEqualTo(0.83);
	}

	private static void assertSeedFailure(MvcResult result, int status) throws Exception {
		assertThat(result.getResponse().getStatus()).isEqualTo(status);
		Map<String, Object> body = body(result);
		assertThat(body.keySet()).containsExactly("success", "prediction", "score");
		assertThat(body.get("success")).isEqualTo(false);
		assertThat(body.get("prediction")).isNull();
		assertThat(body.get("score")).isNull();
	}

	private static Map<String, Object> body(MvcResult result) throws Exception {
		return JsonMapper.builder().build().readValue(result.getResponse().getContentAsByteArray(),
				new TypeReference<java.util.LinkedHashMap<String, Object>>() {
				});
	}

	private static MockMultipartFile photo(byte[] bytes) {
		return new MockMultipartFile("file", "photo.jpg", "image/jpeg", bytes);
	}

}
