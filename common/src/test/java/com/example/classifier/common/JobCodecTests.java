package com.example.classifier.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The job's list element: every field but the image, which travels under its own key. */
class JobCodecTests {

	private final JobCodec codec = new JobCodec();

	@Test
	void aJobComesBackWithEveryFieldButTheImage() {
		ClassificationJob job = new ClassificationJob("id-1", "sha", new byte[3000], "classifier:replies:api-1",
				1_764_290_000_123L, 1_764_290_030_123L, 2);

		byte[] element = this.codec.writeJob(job);
		ClassificationJob read = this.codec.readJob(element);

		assertThat(element.length).isLessThan(200);
		assertThat(new String(element, StandardCharsets.UTF_8)).doesNotContain("\"image\"");
		assertThat(read.image()).isNull();
		assertThat(read).usingRecursiveComparison().ignoringFields("image").isEqualTo(job);
		assertThat(read.withImage(job.image())).usingRecursiveComparison().isEqualTo(job);
	}

	@Test
	void aJobOfTheOlderFormatStillBringsItsImage() {
		String older = "{\"id\":\"old\",\"imageSha256\":\"sha\",\"image\":\""
				+ Base64.getEncoder().encodeToString(new byte[] { 1, 2, 3 })
				+ "\",\"replyTo\":\"replies\",\"enqueuedAtMillis\":1,\"deadlineMillis\":2,\"attempt\":1}";

		ClassificationJob read = this.codec.readJob(older.getBytes(StandardCharsets.UTF_8));

		assertThat(read.id()).isEqualTo("old");
		assertThat(read.image()).containsExactly(1, 2, 3);
		assertThat(read.attempt()).isEqualTo(1);
	}

	@Test
	void aJobForAModelKeepsItsModelAndADefaultModelJobWritesNone() {
		ClassificationJob forModel = new ClassificationJob("id-2", "sha", null, "replies", 1, 2, 0, "mobilenetv2");
		ClassificationJob forDefault = new ClassificationJob("id-3", "sha", null, "replies", 1, 2, 0);

		assertThat(this.codec.readJob(this.codec.writeJob(forModel)).model()).isEqualTo("mobilenetv2");
		assertThat(new String(this.codec.writeJob(forDefault), StandardCharsets.UTF_8)).doesNotContain("model");
		assertThat(this.codec.readJob(this.codec.writeJob(forDefault)).model()).isNull();
		assertThat(forModel.nextAttempt().withImage(new byte[1]).model()).isEqualTo("mobilenetv2");
	}

	@Test
	void aJobFromANewerApiWithFieldsThisVersionDoesNotKnowIsStillRead() {
		String newer = "{\"id\":\"n\",\"imageSha256\":\"sha\",\"replyTo\":\"r\",\"enqueuedAtMillis\":1,"
				+ "\"deadlineMillis\":2,\"attempt\":0,\"model\":\"resnet50\",\"priority\":\"high\"}";

		ClassificationJob read = this.codec.readJob(newer.getBytes(StandardCharsets.UTF_8));

		assertThat(read.id()).isEqualTo("n");
		assertThat(read.model()).isEqualTo("resnet50");
	}

}
