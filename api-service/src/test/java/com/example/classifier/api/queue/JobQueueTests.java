package com.example.classifier.api.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.example.classifier.api.queue.JobQueue.SubmittedJob;
import com.example.classifier.common.ClassificationJob;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.Prediction;
import com.example.classifier.common.test.JobLists;
import com.example.classifier.common.test.RealRedisTests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.test.autoconfigure.DataRedisTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.RedisCallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The queue protocol against a real redis-server; the test plays the model worker. */
@DataRedisTest(properties = { "queue.request-timeout=2s", "queue.instance-id=api-test", "queue.min-depth=1000" })
@Import({ JobQueue.class, PendingReplies.class, ReplyListener.class, QueueConfiguration.class, ModelQueues.class,
		LiveModels.class, SimpleMeterRegistry.class })
@EnableConfigurationProperties(QueueProperties.class)
class JobQueueTests extends RealRedisTests {

	@Autowired
	JobQueue queue;

	@Autowired
	PendingReplies pending;

	@Autowired
	JobCodec codec;

	@Test
	void submitPutsACompleteJobAtTheTailOfTheList() {
		SubmittedJob first = this.queue.submit(new byte[] { 1, 2, 3 }, "sha-1", this.keys.defaultModel());
		SubmittedJob second = this.queue.submit(new byte[] { 4 }, "sha-2", this.keys.defaultModel());

		List<byte[]> queued = JobLists.range(this.redis, this.keys.jobQueue());
		assertThat(queued).hasSize(2);
		ClassificationJob job = this.codec.readJob(queued.get(0));
		assertThat(job.id()).isEqualTo(first.id());
		assertThat(job.image()).as("in the element").isNull();
		assertThat(JobLists.image(this.redis, this.keys, job.id())).containsExactly(1, 2, 3);
		assertThat(this.redis.getExpire(this.keys.image(job.id()))).as("image TTL, s: deadline + grace")
			.isBetween(60L, 62L);
		assertThat(job.imageSha256()).isEqualTo("sha-1");
		assertThat(job.replyTo()).isEqualTo(this.keys.replies("api-test"));
		assertThat(job.deadlineMillis() - job.enqueuedAtMillis()).isEqualTo(2000);
		assertThat(this.codec.readJob(queued.get(1)).id()).isEqualTo(second.id());
	}

	@Test
	void aReplyCompletesExactlyTheRequestItAnswers() throws Exception {
		SubmittedJob a = this.queue.submit(new byte[] { 1 }, "a", this.keys.defaultModel());
		SubmittedJob b = this.queue.submit(new byte[] { 2 }, "b", this.keys.defaultModel());

		reply(b.id(), "bald eagle");
		reply(a.id(), "malamute");

		assertThat(a.answer().get(2, TimeUnit.SECONDS).top().label()).isEqualTo("malamute");
		assertThat(b.answer().get(2, TimeUnit.SECONDS).top().label()).isEqualTo("bald eagle");
		assertThat(this.pending.isWaiting(a.id())).isFalse();
		assertThat(this.pending.isWaiting(b.id())).isFalse();
	}

	@Test
	void anUnansweredRequestTimesOutAndLeavesNothingBehind() {
		SubmittedJob job = this.queue.submit(new byte[] { 1 }, "x", this.keys.defaultModel());
		assertThatThrownBy(() -> job.answer().get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
		assertThat(this.pending.isWaiting(job.id())).isFalse();
	}

	@Test
	void waitingRequestsDoNotOpenRedisConnections() throws Exception {
		long before = clientCount();
		List<SubmittedJob> jobs = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			jobs.add(this.queue.submit(new byte[] { (byte) i }, "s" + i, this.keys.defaultModel()));
		}
		long during = clientCount();
		for (SubmittedJob job : jobs) {
			reply(job.id(), "label");
		}
		for (SubmittedJob job : jobs) {
			assertThat(job.answer().get(5, TimeUnit.SECONDS).status()).isEqualTo(ClassificationResult.Status.OK);
		}
		assertThat(during).isLessThanOrEqualTo(before + 1);
	}

	@Test
	void answersThatArriveTogetherAreTakenInAFewRoundTrips() throws Exception {
		List<SubmittedJob> jobs = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			jobs.add(this.queue.submit(new byte[] { (byte) i }, "s" + i, this.keys.defaultModel()));
		}
		long popsBefore = popCalls();
		// All 200 answers land in one step, as a busy worker's batches do while the listener waits for a CPU.
		this.redis.opsForList().rightPushAll(this.keys.replies("api-test"),
				jobs.stream().map((job) -> answer(job.id(), "label " + job.id())).toArray(String[]::new));

		for (SubmittedJob job : jobs) {
			assertThat(job.answer().get(5, TimeUnit.SECONDS).top().label()).isEqualTo("label " + job.id());
		}
		// One BLPOP (maybe one more that was already waiting) and LPOPs of up to 64: not one round trip per answer.
		assertThat(popCalls() - popsBefore).isLessThanOrEqualTo(8);
	}

	@Test
	void anAnswerLostWithTheListenersConnectionIsReadFromItsResultKeyOnceRedisAnswersAgain() throws Exception {
		SubmittedJob job = this.queue.submit(new byte[] { 1 }, "lost", this.keys.defaultModel());
		// As when Redis goes down serving the listener's BLPOP: the answer left the reply list but never arrived.
		// The answer script stores every answer under the job's result key too.
		this.redis.opsForValue().set(this.keys.result(job.id()), answer(job.id(), "malamute"));
		await("the listener blocks in BLPOP").atMost(Duration.ofSeconds(2)).until(() -> listenerClientId() != null);

		this.redis.execute((RedisCallback<Object>) (connection) -> connection.execute("CLIENT",
				"KILL".getBytes(), "ID".getBytes(), listenerClientId().getBytes()));

		assertThat(job.answer().get(2, TimeUnit.SECONDS).top().label()).isEqualTo("malamute");
	}

	/** The id of the client blocked in BLPOP (the reply listener's connection), from CLIENT LIST. */
	private String listenerClientId() {
		String clients = this.redis.execute((RedisCallback<String>) (connection) -> new String(
				(byte[]) connection.execute("CLIENT", "LIST".getBytes()), java.nio.charset.StandardCharsets.UTF_8));
		return clients.lines()
			.filter((line) -> line.contains(" cmd=blpop"))
			.map((line) -> line.substring(3, line.indexOf(' ')))
			.findFirst()
			.orElse(null);
	}

	/** BLPOP and LPOP calls the server has served so far (INFO commandstats). */
	private long popCalls() {
		java.util.Properties stats = this.redis.execute(
				(org.springframework.data.redis.core.RedisCallback<java.util.Properties>) (connection) -> connection
					.serverCommands()
					.info("commandstats"));
		long calls = 0;
		for (String command : List.of("cmdstat_blpop", "cmdstat_lpop")) {
			String value = stats.getProperty(command, "calls=0,");
			calls += Long.parseLong(value.substring(value.indexOf("calls=") + 6, value.indexOf(',')));
		}
		return calls;
	}

	private void reply(String jobId, String label) {
		this.redis.opsForList().rightPush(this.keys.replies("api-test"), answer(jobId, label));
	}

	/** A worker's answer to the job, as it travels on the reply list. */
	private String answer(String jobId, String label) {
		return this.codec.writeResult(ClassificationResult.ok(jobId, "m", List.of(new Prediction(1, label, 0.9)), 5, 1,
				"test-worker"));
	}

	private long clientCount() {
		return this.redis.execute((org.springframework.data.redis.core.RedisCallback<Long>) (connection) -> (long) connection
			.serverCommands()
			.getClientList()
			.size());
	}

}
