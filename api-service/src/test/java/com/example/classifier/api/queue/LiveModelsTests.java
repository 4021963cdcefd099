package com.example.classifier.api.queue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import com.example.classifier.api.models.Heartbeats;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.test.RealRedisTests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.data.redis.test.autoconfigure.DataRedisTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.RedisCallback;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which models are alive, on a real redis-server: read at most once a second, and while one caller re-reads the
 * workers' heartbeats the others go on with the snapshot there is. At 1 500 users 212 of the api's 400 request
 * threads once waited on this re-read, pages and uploads alike.
 */
@DataRedisTest(properties = "queue.instance-id=live-models-api")
@Import(QueueConfiguration.class)
class LiveModelsTests extends RealRedisTests {

	@Test
	void whileOneCallerRereadsTheWorkersTheOthersGoOnWithTheSnapshotThereIs() throws Exception {
		JobCodec codec = new JobCodec();
		new Heartbeats(this.redis, this.keys, codec).announce("worker-1", this.keys.defaultModel().value(), 1, 8);
		LiveModels models = new LiveModels(this.redis, this.keys, codec, new ModelQueues(this.keys,
				AdmissionTests.properties(1000, 4), new SimpleMeterRegistry(), this.redis));
		LiveModelsSnapshot first = models.snapshot();
		assertThat(first.workers(this.keys.defaultModel())).isEqualTo(1);
		assertThat(models.snapshot()).as("within a second: the same snapshot").isSameAs(first);

		Thread.sleep(1100);
		// Redis holds every command for 1.5 s, as a busy one may: the next caller's re-read waits in it.
		this.redis.execute((RedisCallback<Object>) (connection) -> connection.execute("CLIENT",
				"PAUSE".getBytes(StandardCharsets.US_ASCII), "1500".getBytes(StandardCharsets.US_ASCII)));
		CompletableFuture<LiveModelsSnapshot> rereading = CompletableFuture.supplyAsync(models::snapshot);
		Thread.sleep(200);
		assertThat(rereading).as("re-reading, held by Redis").isNotDone();

		long started = System.nanoTime();
		LiveModelsSnapshot meanwhile = models.snapshot();
		long waitedMillis = (System.nanoTime() - started) / 1_000_000;

		assertThat(meanwhile).as("the snapshot there is").isSameAs(first);
		assertThat(waitedMillis).as("ms another caller waited").isLessThan(300);
		LiveModelsSnapshot reread = rereading.get();
		assertThat(reread).isNotSameAs(first);
		assertThat(reread.workers(this.keys.defaultModel())).isEqualTo(1);
		assertThat(models.snapshot()).as("the new one, from then on").isSameAs(reread);
	}

}
