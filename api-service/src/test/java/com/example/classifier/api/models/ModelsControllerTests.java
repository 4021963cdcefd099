package com.example.classifier.api.models;

import com.example.classifier.api.predict.ApiProperties;
import com.example.classifier.api.queue.QueueProperties;
import com.example.classifier.api.security.SecurityConfiguration;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.ModelName;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.RedisServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code GET /models}, from real heartbeats and queues in a real redis-server. */
@ExtendWith(RedisServerExtension.class)
@WebMvcTest(ModelsController.class)
@Import({ ModelRoutingBeans.class, SimpleMeterRegistry.class, SecurityConfiguration.class })
@EnableConfigurationProperties({ QueueProperties.class, ApiProperties.class })
class ModelsControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisKeys keys;

	@Autowired
	JobCodec codec;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
		registry.add("queue.default-model", () -> "resnet50");
	}

	@BeforeEach
	void emptyRedis() {
		RedisServerExtension.flushAll(this.redis);
	}

	@Test
	void listsLiveAndDownModelsWithWhatTheirWorkersAnnouncedAndTheirQueues() throws Exception {
		Heartbeats heartbeats = new Heartbeats(this.redis, this.keys, this.codec);
		heartbeats.announce("r-1", "resnet50", "dl4j", 10.25);
		heartbeats.announce("r-2", "resnet50", "dl4j", 2.5);
		heartbeats.announce("m-1", "mobilenetv2", "onnx", 40);
		heartbeats.announce("e-1", "effnet", "onnx", 7);
		this.redis.opsForList().rightPushAll(this.keys.jobQueue(ModelName.of("mobilenetv2")), "{}", "{}", "{}");
		this.redis.opsForList().rightPush(this.keys.jobQueue(), "{}");
		Heartbeats.waitForTheCacheToExpire();
		this.mvc.perform(get("/models")).andExpect(jsonPath("$.models[0].status").value("LIVE"));
		heartbeats.stop("e-1");
		Heartbeats.waitForTheCacheToExpire();

		this.mvc.perform(get("/models"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.defaultModel").value("resnet50"))
			.andExpect(jsonPath("$.models.length()").value(3))
			.andExpect(jsonPath("$.models[0].name").value("effnet"))
			.andExpect(jsonPath("$.models[0].status").value("DOWN"))
			.andExpect(jsonPath("$.models[0].workers").value(0))
			.andExpect(jsonPath("$.models[0].engine").value("onnx"))
			.andExpect(jsonPath("$.models[0].imagesPerSecond").value(0.0))
			.andExpect(jsonPath("$.models[1].name").value("mobilenetv2"))
			.andExpect(jsonPath("$.models[1].status").value("LIVE"))
			.andExpect(jsonPath("$.models[1].isDefault").value(false))
			.andExpect(jsonPath("$.models[1].queueDepth").value(3))
			.andExpect(jsonPath("$.models[1].modelId").value("mobilenetv2.file@0a1b2c3d"))
			.andExpect(jsonPath("$.models[1].inputHeight").value(224))
			.andExpect(jsonPath("$.models[1].labels").value(1000))
			.andExpect(jsonPath("$.models[2].name").value("resnet50"))
			.andExpect(jsonPath("$.models[2].isDefault").value(true))
			.andExpect(jsonPath("$.models[2].workers").value(2))
			.andExpect(jsonPath("$.models[2].engine").value("dl4j"))
			.andExpect(jsonPath("$.models[2].queueDepth").value(1))
			.andExpect(jsonPath("$.models[2].imagesPerSecond").value(12.8))
			.andExpect(jsonPath("$.models[2].queueLimit").value(16));
	}

	@Test
	void withNoWorkerAtAllTheDefaultModelIsListedAsDown() throws Exception {
		this.mvc.perform(get("/models"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.models.length()").value(1))
			.andExpect(jsonPath("$.models[0].name").value("resnet50"))
			.andExpect(jsonPath("$.models[0].status").value("DOWN"))
			.andExpect(jsonPath("$.models[0].engine").doesNotExist());
	}

}
