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

}
