package com.example.classifier.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Queue keys per model: the default model keeps the legacy key, so apis and workers of either version meet. */
class RedisKeysTests {

	private final RedisKeys keys = new RedisKeys("classifier", ModelName.of("mobilenetv2"));

	@Test
	void theDefaultModelsQueueIsTheLegacyKeyAndOtherModelsHaveTheirOwn() {
		assertThat(this.keys.jobQueue(ModelName.of("mobilenetv2"))).isEqualTo("classifier:jobs")
			.isEqualTo(this.keys.jobQueue());
		assertThat(this.keys.jobQueue(ModelName.of("resnet50"))).isEqualTo("classifier:jobs:resnet50");
		assertThat(this.keys.jobQueue(ModelName.of("mobilenetv2-int8"))).isEqualTo("classifier:jobs:mobilenetv2-int8")
			.startsWith(this.keys.modelQueuePrefix());
	}

	@Test
	void theQueuesHelperKeysFollowTheirQueue() {
		assertThat(this.keys.enqueuedCount(ModelName.of("mobilenetv2"))).isEqualTo("classifier:jobs:enqueued");
		assertThat(this.keys.sharedBatchMillis(ModelName.of("mobilenetv2"))).isEqualTo("classifier:jobs:batch-ms");
		assertThat(this.keys.enqueuedCount(ModelName.of("resnet50"))).isEqualTo("classifier:jobs:resnet50:enqueued");
		assertThat(this.keys.sharedBatchMillis(ModelName.of("resnet50"))).isEqualTo("classifier:jobs:resnet50:batch-ms");
	}

	@Test
	void withoutADefaultModelGivenItIsResNet50() {
		assertThat(new RedisKeys("x").defaultModel()).isEqualTo(ModelName.RESNET50);
		assertThat(new RedisKeys("x").jobQueue(ModelName.RESNET50)).isEqualTo("x:jobs");
	}

	@Test
	void modelNamesAreLowerCasedAndCheckedAndMayNotCollideWithTheLegacyQueuesHelperKeys() {
		assertThat(ModelName.of(" ResNet50 ").value()).isEqualTo("resnet50");
		assertThat(ModelName.isValid("mobilenetv2-int8")).isTrue();
		assertThat(ModelName.isValid("a".repeat(64))).isTrue();
		for (String bad : new String[] { "", "-x", "a b", "a:b", "a/b", "a".repeat(65), "enqueued", "batch-ms" }) {
			assertThat(ModelName.isValid(bad)).as(bad).isFalse();
			assertThatIllegalArgumentException().isThrownBy(() -> ModelName.of(bad));
		}
	}

	@Test
	void aFileNameBecomesARouteName() {
		assertThat(ModelName.sanitised("MobileNetV2 int8")).isEqualTo(ModelName.of("mobilenetv2-int8"));
		assertThat(ModelName.sanitised("_resnet:50")).isEqualTo(ModelName.of("resnet-50"));
		assertThat(ModelName.sanitised("ÜÜ").value()).startsWith("model-");
	}

}
