package com.example.classifier.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The heartbeat's value: a worker's announcement, or the millis an older worker writes. */
class WorkerAnnouncementTests {

	private final JobCodec codec = new JobCodec();

	private final ModelName defaultModel = ModelName.of("resnet50");

	@Test
	void anAnnouncementComesBackWhole() {
		WorkerAnnouncement sent = new WorkerAnnouncement("mobilenetv2-int8", "mobilenetv2-int8.onnx@1a2b3c4d", "onnx",
				224, 224, 1000, 2, 8, 37.5, 1_764_290_000_123L);

		WorkerAnnouncement read = this.codec.readAnnouncement(this.codec.writeAnnouncement(sent), this.defaultModel);

		assertThat(read).isEqualTo(sent);
		assertThat(read.modelName()).isEqualTo(ModelName.of("mobilenetv2-int8"));
		assertThat(read.jobsTakenAtOnce()).as("2 consumer threads, batches of 8").isEqualTo(16);
	}

	@Test
	void anOlderWorkersMillisCountAsAWorkerOfTheDefaultModel() {
		WorkerAnnouncement read = this.codec.readAnnouncement("1764290000123", this.defaultModel);

		assertThat(read.modelName()).isEqualTo(this.defaultModel);
		assertThat(read.timestampMillis()).isEqualTo(1_764_290_000_123L);
		assertThat(read.modelId()).isNull();
		assertThat(read.engine()).isNull();
		assertThat(read.jobsTakenAtOnce()).as("not told").isZero();
	}

	@Test
	void fieldsFromANewerWorkerAreIgnoredAndAMissingModelIsTheDefault() {
		WorkerAnnouncement read = this.codec.readAnnouncement(
				"{\"modelId\":\"x@1\",\"engine\":\"dl4j\",\"threads\":3,\"gpu\":true,\"timestampMillis\":5}",
				this.defaultModel);

		assertThat(read.modelName()).isEqualTo(this.defaultModel);
		assertThat(read.threads()).isEqualTo(3);
		assertThat(read.modelId()).isEqualTo("x@1");
		assertThat(read.maxBatch()).as("a worker from before batch sizes were told").isZero();
	}

	@Test
	void aValueThatIsNeitherIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.codec.readAnnouncement("alive", this.defaultModel));
		assertThatIllegalArgumentException().isThrownBy(() -> this.codec.readAnnouncement("{oops", this.defaultModel));
	}

}
