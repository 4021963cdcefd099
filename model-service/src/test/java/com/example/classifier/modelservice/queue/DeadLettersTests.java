package com.example.classifier.modelservice.queue;

import java.nio.charset.StandardCharsets;

import com.example.classifier.common.test.JobLists;
import com.example.classifier.common.test.RealRedisTests;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.test.autoconfigure.DataRedisTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** The dead-letter list's cap, on a real redis-server. */
@DataRedisTest(properties = "queue.max-dead-letters=3")
@Import({ DeadLetters.class, QueueConfiguration.class })
@EnableConfigurationProperties(QueueProperties.class)
class DeadLettersTests extends RealRedisTests {

	@Autowired
	DeadLetters deadLetters;

	@Test
	void theListKeepsTheNewestDeadLettersUpToItsCapAndCountsTheOnesDropped() {
		double droppedBefore = this.deadLetters.dropped();
		for (int i = 1; i <= 5; i++) {
			this.deadLetters.push(("job-" + i).getBytes(StandardCharsets.UTF_8));
		}

		assertThat(deadLetters()).containsExactly("job-3", "job-4", "job-5");
		assertThat(this.deadLetters.dropped() - droppedBefore).isEqualTo(2);
	}

	@Test
	void belowTheCapNothingIsDropped() {
		double droppedBefore = this.deadLetters.dropped();
		this.deadLetters.push("only".getBytes(StandardCharsets.UTF_8));

		assertThat(deadLetters()).containsExactly("only");
		assertThat(this.deadLetters.dropped()).isEqualTo(droppedBefore);
	}

	private java.util.List<String> deadLetters() {
		return JobLists.range(this.redis, this.keys.deadLetters())
			.stream()
			.map((raw) -> new String(raw, StandardCharsets.UTF_8))
			.toList();
	}

}
