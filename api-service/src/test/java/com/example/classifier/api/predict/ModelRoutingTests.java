package com.example.classifier.api.predict;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.example.classifier.api.models.Heartbeats;
import com.example.classifier.api.queue.JobQueue;
import com.example.classifier.api.queue.JobQueue.SubmittedJob;
import com.example.classifier.api.upload.TestImages;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.ModelName;
import com.example.classifier.common.Prediction;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.RedisServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code model} on {@code POST /predict}: which queue a request goes to, and the errors for a
 * model that cannot be served, with the live models from real heartbeats in a real redis-server. The queue is the edge
 * replaced here.
 */
@ExtendWith(RedisServerExtension.class)
@PredictSlice
class ModelRoutingTests {

	@TempDir
	static Path uploads;

	@Autowired
	MockMvc mvc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisKeys keys;

	@Autowired
	JobCodec codec;

	@MockitoBean
	JobQueue queue;

	private Heartbeats heartbeats;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
		registry.add("upload.dir", () -> uploads.toString());
		registry.add("queue.default-model", () -> "resnet50");
	}

	@BeforeEach
	void twoLiveModels() {
		RedisServerExtension.flushAll(this.redis);
		this.heartbeats = new Heartbeats(this.redis, this.keys, this.codec);
		this.heartbeats.announce("w-resnet", "resnet50", "dl4j", 12.5);
		this.heartbeats.announce("w-mobile", "mobilenetv2", "onnx", 40);
		Heartbeats.waitForTheCacheToExpire();
	}

	@Test
	void aLiveModelNamedAsQueryParameterOrFormFieldGetsTheJob() throws Exception {
		answer("mobilenetv2");

		expectAnswer(this.mvc.perform(multipart("/predict?model=MobileNetV2").file(photo())).andReturn(),
				"mobilenetv2");
		expectAnswer(this.mvc.perform(multipart("/predict").file(photo()).param("model", "mobilenetv2")).andReturn(),
				"mobilenetv2");
		verify(this.queue, times(2)).submit(any(), anyString(), eq(ModelName.of("mobilenetv2")));
	}

	@Test
	void noModelIsTheDefaultModel() throws Exception {
		answer("resnet50");

		expectAnswer(this.mvc.perform(multipart("/predict").file(photo())).andReturn(), "resnet50");
		verify(this.queue).submit(any(), anyString(), eq(ModelName.of("resnet50")));
	}

	@Test
	void aNameThatIsNoModelNameIsABadRequestListingTheLiveModels() throws Exception {
		this.mvc.perform(multipart("/predict?model=a b/c").file(photo()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.success").value(false))
			.andExpect(jsonPath("$.detail").value(containsString("is not a model name")))
			.andExpect(jsonPath("$.liveModels[0]").value("mobilenetv2"))
			.andExpect(jsonPath("$.liveModels[1]").value("resnet50"));
		assertNothingQueued();
	}

	@Test
	void aModelNeverSeenIsABadRequestListingTheLiveModels() throws Exception {
		this.mvc.perform(multipart("/predict").file(photo()).param("model", "vgg16"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("There is no model 'vgg16'")))
			.andExpect(jsonPath("$.liveModels.length()").value(2));
		assertNothingQueued();
	}

	@Test
	void aModelWhoseWorkersAreAllDownIsRefusedAtOnceWithRetryAfter() throws Exception {
		this.heartbeats.stop("w-mobile");
		Heartbeats.waitForTheCacheToExpire();

		this.mvc.perform(multipart("/predict?model=mobilenetv2").file(photo()))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "10"))
			.andExpect(jsonPath("$.detail").value(containsString("'mobilenetv2' has no live worker")))
			.andExpect(jsonPath("$.liveModels.length()").value(1))
			.andExpect(jsonPath("$.liveModels[0]").value("resnet50"));
		assertNothingQueued();
	}

	@Test
	void anOlderWorkersHeartbeatCountsForTheDefaultModel() throws Exception {
		RedisServerExtension.flushAll(this.redis);
		this.heartbeats.announceAsOlderWorker("old-worker");
		Heartbeats.waitForTheCacheToExpire();

		this.mvc.perform(multipart("/predict?model=mobilenetv2").file(photo()))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.liveModels[0]").value("resnet50"));
	}

	@Test
	void aCommaListComparesTheModelsSideBySide() throws Exception {
		answer("resnet50");
		answer("mobilenetv2");

		MvcResult pending = this.mvc.perform(multipart("/predict?model=resnet50,mobilenetv2").file(photo()))
			.andExpect(request().asyncStarted())
			.andReturn();
		this.mvc.perform(asyncDispatch(pending))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.success").value(true))
			.andExpect(jsonPath("$.answers.length()").value(2))
			.andExpect(jsonPath("$.answers[0].modelName").value("resnet50"))
			.andExpect(jsonPath("$.answers[0].model").value("resnet50.file@0a1b2c3d"))
			.andExpect(jsonPath("$.answers[1].modelName").value("mobilenetv2"))
			.andExpect(jsonPath("$.answers[1].model").value("mobilenetv2.file@0a1b2c3d"));
	}

	@Test
	void aComparisonWithAModelThatCannotBeServedIsRefusedWhole() throws Exception {
		this.mvc.perform(multipart("/predict?model=resnet50,vgg16").file(photo())).andExpect(status().isBadRequest());
		this.mvc.perform(multipart("/predict?model=resnet50,").file(photo())).andExpect(status().isBadRequest());
		assertNothingQueued();
	}

	private void answer(String model) {
		given(this.queue.submit(any(), anyString(), eq(ModelName.of(model))))
			.willAnswer((call) -> new SubmittedJob("job-" + model, CompletableFuture.completedFuture(ClassificationResult
				.ok("job-" + model, model + ".file@0a1b2c3d", List.of(new Prediction(249, "malamute", 0.8)), 5, 1,
						"w-" + model))));
	}

	private void expectAnswer(MvcResult pending, String model) throws Exception {
		this.mvc.perform(asyncDispatch(pending))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.modelName").value(model))
			.andExpect(jsonPath("$.model").value(model + ".file@0a1b2c3d"));
	}

	private void assertNothingQueued() {
		verify(this.queue, never()).submit(any(), anyString(), any());
		verify(this.queue, never()).submitDetached(any(), anyString(), any());
	}

	private static MockMultipartFile photo() {
		return new MockMultipartFile("file", "photo.jpg", "image/jpeg", TestImages.jpeg(16, 16));
	}

}
