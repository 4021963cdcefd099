package com.example.classifier.api.queue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.example.classifier.common.Backoff;
import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.JobCodec;
import com.example.classifier.common.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * One thread per api instance that blocks on this instance's reply list and completes the waiting requests. It owns
 * one dedicated connection for the blocking BLPOP, so the number of Redis connections does not grow with the number of
 * waiting requests. A failed or timed-out blocking call closes that connection rather than reusing it.
 */
@Component
class ReplyListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ReplyListener.class);

	/** Most answers taken in one round trip after the blocking pop returned one. */
	private static final int DRAIN_BATCH = 64;

	private final RedisConnectionFactory connectionFactory;

	private final PendingReplies pending;

	private final JobCodec codec;

	private final ModelQueues queues;

	private final LiveModels models;

	private final byte[] replyKey;

	private final RedisKeys keys;

	private final int blockSeconds;

	private volatile boolean running;

	private Thread thread;

	ReplyListener(RedisConnectionFactory connectionFactory, PendingReplies pending, JobCodec codec, RedisKeys keys,
			QueueProperties properties, ModelQueues queues, LiveModels models) {
		this.queues = queues;
		this.models = models;
		this.connectionFactory = connectionFactory;
		this.pending = pending;
		this.codec = codec;
		this.keys = keys;
		this.replyKey = keys.replies(properties.instanceId()).getBytes(StandardCharsets.UTF_8);
		this.blockSeconds = Math.max(1, (int) properties.blockTimeout().toSeconds());
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::listen, "reply-listener");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.thread != null) {
			this.thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Starts before the web server and stops only after it has drained: requests still waiting at shutdown need this
	 * listener to receive their answers. (Stopping in the default, last-started phase would stop it first, and the
	 * graceful shutdown would wait in vain for requests nobody can answer any more.)
	 */
	@Override
	public int getPhase() {
		return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
	}

	private void listen() {
		Backoff backoff = new Backoff();
		boolean lost = false;
		while (this.running) {
			try (RedisConnection connection = this.connectionFactory.getConnection()) {
				while (this.running) {
					List<byte[]> popped = connection.listCommands().bLPop(this.blockSeconds, this.replyKey);
					// Only a command that worked proves Redis is back (getting a connection object does not).
					backoff.reset();
					if (lost) {
						recover(connection);
						lost = false;
					}
					if (popped != null && popped.size() == 2) {
						deliver(popped.get(1));
						drain(connection);
					}
				}
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return;
				}
				log.warn("Reply listener lost Redis ({}); reconnecting", ex.getMessage());
				lost = true;
				backoff.pause();
			}
		}
	}

	/**
	 * Takes the answers that arrived meanwhile in as few round trips as possible: under load the workers answer in
	 * batches, and on a busy machine every round trip also waits for this thread's next turn on a CPU; one answer per
	 * turn let answers pile up in Redis while their callers timed out.
	 */
	private void drain(RedisConnection connection) {
		List<byte[]> more;
		do {
			more = connection.listCommands().lPop(this.replyKey, DRAIN_BATCH);
			if (more != null) {
				more.forEach(this::deliver);
			}
		}
		while (this.running && more != null && more.size() == DRAIN_BATCH);
	}

	/**
	 * Answers that were on their way when the connection broke: a BLPOP that Redis served as it went down removed its
	 * answer from the list, and the reply never reached this side (RedisOutageTests: one request of 35 waited its whole
	 * 60 s timeout). Every answer is also stored under its job's result key (answer-job.lua, queue.result-ttl), so the
	 * waiting requests' results are read once Redis answers again.
	 */
	private void recover(RedisConnection connection) {
		List<String> waiting = this.pending.waitingJobIds();
		if (waiting.isEmpty()) {
			return;
		}
		byte[][] resultKeys = waiting.stream()
			.map((jobId) -> this.keys.result(jobId).getBytes(StandardCharsets.UTF_8))
			.toArray(byte[][]::new);
		List<byte[]> results = connection.stringCommands().mGet(resultKeys);
		int found = 0;
		for (byte[] result : (results != null) ? results : List.<byte[]>of()) {
			if (result != null) {
				deliver(result);
				found++;
			}
		}
		log.info("Redis is back: {} of the {} waiting requests had their answer stored already", found, waiting.size());
	}

	private void deliver(byte[] reply) {
		String json = new String(reply, StandardCharsets.UTF_8);
		try {
			ClassificationResult result = this.codec.readResult(json);
			// The answer names its model by id; the workers' announcements tell which queue's batch time it measures.
			this.queues.of(this.models.nameOf(result.model())).serviceTime().record(result);
			if (!this.pending.complete(result)) {
				log.debug("Answer for job {} arrived after its caller stopped waiting", result.jobId());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Dropped an unreadable reply: {}", ex.getMessage());
		}
	}

}
