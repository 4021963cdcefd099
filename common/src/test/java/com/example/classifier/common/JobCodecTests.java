package com.example.classifier.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The job element: a JSON header line, then the image bytes untouched. */
class JobCodecTests {

	private final JobCodec codec = new JobCodec();

	@Test
	void aJobComesBackWithEveryFieldAndTheExactImageBytes() {
		byte[] image = { (byte) 0xFF, (byte) 0xD8, '\n', 0, (byte) 0x80, '\n', '{', (byte) 0xD9 };
		ClassificationJob job = new ClassificationJob("id-1", "sha", image, "classifier:replies:api-1", 1_764_290_000_123L,
				1_764_290_030_123L, 2);

		ClassificationJob read = this.codec.readJob(this.codec.writeJob(job));

		assertThat(read).usingRecursiveComparison().isEqualTo(job);
	}

	@Test
	void theImageIsStoredAsItIsNotAsBase64() {
		byte[] image = new byte[3000];
		ClassificationJob job = new ClassificationJob("id-2", "sha", image, "replies", 1, 2, 0);

		byte[] element = this.codec.writeJob(job);

		assertThat(element.length).isLessThan(image.length + 200);
		assertThat(new String(element, 0, element.length - image.length, StandardCharsets.UTF_8))
			.startsWith("{")
			.endsWith("}\n")
			.doesNotContain("\"image\"");
	}

	@Test
	void newlinesInTheFieldsAreEscapedSoTheFirstNewlineEndsTheHeader() {
		ClassificationJob job = new ClassificationJob("line\nbreak", "sha", new byte[] { '\n' }, "re\nplies", 1, 2, 0);

		ClassificationJob read = this.codec.readJob(this.codec.writeJob(job));

		assertThat(read.id()).isEqualTo("line\nbreak");
		assertThat(read.replyTo()).isEqualTo("re\nplies");
		assertThat(read.image()).containsExactly('\n');
	}

	@Test
	void aWholeJsonJobOfTheOlderFormatIsStillRead() {
		String older = "{\"id\":\"old\",\"imageSha256\":\"sha\",\"image\":\""
				+ Base64.getEncoder().encodeToString(new byte[] { 1, 2, 3 })
				+ "\",\"replyTo\":\"replies\",\"enqueuedAtMillis\":1,\"deadlineMillis\":2,\"attempt\":1}";

		ClassificationJob read = this.codec.readJob(older.getBytes(StandardCharsets.UTF_8));

		assertThat(read.id()).isEqualTo("old");
		assertThat(read.image()).containsExactly(1, 2, 3);
		assertThat(read.attempt()).isEqualTo(1);
	}

}
