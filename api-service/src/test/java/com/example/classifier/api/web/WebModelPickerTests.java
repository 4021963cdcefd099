package com.example.classifier.api.web;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.example.classifier.api.feedback.FeedbackService;
import com.example.classifier.api.models.Heartbeats;
import com.example.classifier.api.models.ModelRoutingBeans;
import com.example.classifier.api.predict.ClassificationMetrics;
import com.example.classifier.api.predict.ClassificationService;
import com.example.classifier.api.predict.ModelComparison;
import com.example.classifier.api.queue.JobQueue;
import com.example.classifier.api.queue.JobQueue.SubmittedJob;
import com.example.classifier.api.queue.QueueProperties;
import com.example.classifier.api.security.SecurityConfiguration;
import com.example.classifier.api.upload.ImageInspector;
import com.example.classifier.api.upload.TestImages;
import com.example.classifier.api.upload.UploadProperties;
import com.example.classifier.api.upload.UploadStore;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.ModelName;
import com.example.classifier.common.Prediction;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.RedisServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The page's model picker, from real heartbeats in a real redis-server: a plain {@code <select>} (no script needed),
 * the default preselected, a model that is down listed but not choosable; the result names the model that answered.
 */
@ExtendWith(RedisServerExtension.class)
@WebMvcTest(WebController.class)
@Import({ ClassificationService.class, ImageInspector.class, UploadStore.class, ClassificationMetrics.class,
		SimpleMeterRegistry.class, SecurityConfiguration.class, ModelRoutingBeans.class, ModelComparison.class })
@EnableConfigurationProperties({ QueueProperties.class, UploadProperties.class })
class WebModelPickerTests {

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

	@MockitoBean
	FeedbackService feedback;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
		registry.add("upload.dir", () -> uploads.toString());
		registry.add("queue.default-model", () -> "resnet50");
	}

	@BeforeEach
	void resnetLiveAndMobileNetSeenThenDown() {
		RedisServerExtension.flushAll(this.redis);
		Heartbeats heartbeats = new Heartbeats(this.redis, this.keys, this.codec);
		heartbeats.announce("r-1", "resnet50", "dl4j", 10);
		heartbeats.announce("m-1", "mobilenetv2", "onnx", 30);
		heartbeats.announce("e-1", "effnet", "onnx", 5);
		Heartbeats.waitForTheCacheToExpire();
	}

	@Test
	void thePickerListsTheModelsWithTheDefaultPreselectedAndADownModelNotChoosable() throws Exception {
		this.mvc.perform(get("/")).andExpect(status().isOk());
		new Heartbeats(this.redis, this.keys, this.codec).stop("e-1");
		Heartbeats.waitForTheCacheToExpire();

		this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("<select id=\"model\" name=\"model\">"),
					containsString("<option value=\"resnet50\" selected=\"selected\">resnet50</option>"),
					containsString("<option value=\"mobilenetv2\">mobilenetv2</option>"),
					containsString("<option value=\"effnet\" disabled=\"disabled\">effnet (down)</option>"))));
	}

	@Test
	void theResultSaysWhichModelAnswered() throws Exception {
		given(this.queue.submit(any(), anyString(), eq(ModelName.of("mobilenetv2"))))
			.willReturn(new SubmittedJob("job-1", CompletableFuture.completedFuture(ClassificationResult.ok("job-1",
					"mobilenetv2-float.h5@382bf201", List.of(new Prediction(249, "malamute", 0.8)), 5, 1, "m-1"))));

		MvcResult pending = this.mvc.perform(multipart("/").file(photo()).param("model", "mobilenetv2")).andReturn();

		this.mvc.perform(asyncDispatch(pending))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(
					containsString("Answered by <strong id=\"answered-by\">mobilenetv2</strong>"),
					containsString("<span id=\"model-id\">mobilenetv2-float.h5@382bf201</span>"))));
	}

	@Test
	void theCompareBoxShowsEveryLiveModelsAnswerSideBySide() throws Exception {
		for (String model : List.of("resnet50", "mobilenetv2", "effnet")) {
			given(this.queue.submit(any(), anyString(), eq(ModelName.of(model)))).willReturn(new SubmittedJob(
					"job-" + model, CompletableFuture.completedFuture(ClassificationResult.ok("job-" + model,
							model + "@1", List.of(new Prediction(249, "malamute from " + model, 0.8)), 5, 1, "w"))));
		}

		MvcResult pending = this.mvc.perform(multipart("/").file(photo()).param("compare", "all")).andReturn();

		this.mvc.perform(asyncDispatch(pending))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("<h2 class=\"compared-model\">resnet50</h2>"),
					containsString("<h2 class=\"compared-model\">effnet</h2>"),
					containsString("<h2 class=\"compared-model\">mobilenetv2</h2>"),
					containsString("malamute from mobilenetv2"), containsString("malamute from effnet"))));
	}

	@Test
	void anUnknownModelOrOneThatIsDownIsShownOnThePageWithItsStatus() throws Exception {
		this.mvc.perform(multipart("/").file(photo()).param("model", "vgg16"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("No such model")));
		new Heartbeats(this.redis, this.keys, this.codec).stop("m-1");
		Heartbeats.waitForTheCacheToExpire();

		this.mvc.perform(multipart("/").file(photo()).param("model", "mobilenetv2"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "10"))
			.andExpect(content().string(containsString("That model is down")));
	}

	private static MockMultipartFile photo() {
		return new MockMultipartFile("file", "photo.jpg", "image/jpeg", TestImages.jpeg(16, 16));
	}

}
