package com.example.classifier.modelservice.queue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.example.classifier.common.JobCodec;
import com.example.classifier.common.LuaScripts;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.modelservice.model.ImageClassifier;
import com.example.classifier.modelservice.model.ServedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisListCommands.Direction;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.stereotype.Component;

/**
 * Takes batches off the job list of the model this worker serves ({@link ServedModel}). Each job is moved atomically (BLMOVE/LMOVE) into this worker's processing list, so
 * a job is never in two workers' hands and is never lost between "taken" and "answered".
 */
@Component
class JobSource {

	private static final Logger log = LoggerFactory.getLogger(JobSource.class);

	/** Sent whole each time (EVAL): Redis keeps the compiled script, and no NOSCRIPT fallback is needed. */
	private static final byte[] TAKE_WAITING = utf8(LuaScripts.text("scripts/take-waiting.lua"));

	private final byte[] queueKey;

	private final byte[] processingKey;

	private final JobCodec codec;

	private final JobInputs inputs;

	private final String modelId;

	private final double blockSeconds;

	private final int maxBatch;

	private final long maxWaitNanos;

	private final byte[] moreJobs;

	JobSource(RedisKeys keys, JobCodec codec, JobInputs inputs, ImageClassifier classifier, QueueProperties queue,
			WorkerProperties worker, ServedModel served) {
		this.queueKey = keys.jobQueue(served.name()).getBytes(StandardCharsets.UTF_8);
		this.processingKey = keys.processing(worker.id()).getBytes(StandardCharsets.UTF_8);
		this.codec = codec;
		this.inputs = inputs;
		this.modelId = classifier.modelId();
		this.blockSeconds = queue.blockTimeout().toMillis() / 1000.0;
		this.maxBatch = worker.maxBatch();
		this.maxWaitNanos = worker.maxWait().toNanos();
		this.moreJobs = utf8(String.valueOf(this.maxBatch - 1));
	}

	/**
	 * Blocks (up to the block timeout) for the first job, then adds the jobs already waiting, up to the batch size.
	 * With a max-wait, it also waits that long for more. Returns an empty list when nothing arrived.
	 */
	List<TakenJob> take(RedisConnection connection) {
		List<TakenJob> batch = new ArrayList<>(this.maxBatch);
		byte[] first = connection.listCommands()
			.bLMove(this.queueKey, this.processingKey, Direction.LEFT, Direction.RIGHT, this.blockSeconds);
		if (first == null) {
			return batch;
		}
		long waitUntil = System.nanoTime() + this.maxWaitNanos;
		TakenJob head = read(first);
		try {
			takeWaiting(connection, head, batch);
			waitForMore(connection, batch, waitUntil);
		}
		catch (RuntimeException ex) {
			// The jobs already moved are in this worker's processing list: run them rather than strand them there.
			log.warn("Stopped filling a batch of {} ({})", Math.max(1, batch.size()), ex.getMessage());
			if (batch.isEmpty()) {
				batch.add(head);
			}
		}
		return batch;
	}

	/**
	 * One round trip: reads the first job's image and cached answer (MGET) and moves the jobs already waiting, up to
	 * the batch size (take-waiting.lua), pipelined. The image stays out of the script: Redis copies a value a script
	 * reads into the Lua interpreter and back out, which made a 1.4 MB phone photo's read 3.0 ms instead of 0.6 ms
	 * (EVAL-GET against GET, Jedis, 100 reads each, docs/performance.md), with Redis busy for all of it. An unreadable
	 * first element goes alone.
	 */
	private void takeWaiting(RedisConnection connection, TakenJob head, List<TakenJob> batch) {
		if (head.job() == null) {
			batch.add(head);
			return;
		}
		// On the taker's own connection, just used by BLMOVE: no second connection from the pool for this step.
		byte[][] inputKeys = this.inputs.keys(this.modelId, List.of(head));
		connection.openPipeline();
		List<Object> replies;
		try {
			connection.stringCommands().mGet(inputKeys);
			connection.scriptingCommands()
				.eval(TAKE_WAITING, ReturnType.MULTI, 2, this.queueKey, this.processingKey, this.moreJobs);
		}
		finally {
			replies = connection.closePipeline();
		}
		batch.add(head.withInputs(this.inputs.inputs(List.of(head), binaryList(replies.get(0))).get(0)));
		for (byte[] element : binaryList(replies.get(1))) {
			batch.add(read(element));
		}
	}

	/** With a max-wait, blocks for more jobs until the batch is full or the wait is over. */
	private void waitForMore(RedisConnection connection, List<TakenJob> batch, long waitUntil) {
		while (batch.size() < this.maxBatch) {
			long remaining = waitUntil - System.nanoTime();
			if (remaining <= 1_000_000) {
				return;
			}
			byte[] next = connection.listCommands()
				.bLMove(this.queueKey, this.processingKey, Direction.LEFT, Direction.RIGHT,
						Math.max(0.01, remaining / 1e9));
			if (next == null) {
				return;
			}
			batch.add(read(next));
		}
	}

	@SuppressWarnings("unchecked")
	private static List<byte[]> binaryList(Object reply) {
		return (List<byte[]>) reply;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private TakenJob read(byte[] raw) {
		try {
			return new TakenJob(raw, this.codec.readJob(raw));
		}
		catch (RuntimeException ex) {
			// An unreadable element would poison every batch it sits in; keep it aside for people to inspect.
			log.error("Unreadable job moved to the dead-letter list: {}", ex.getMessage());
			return new TakenJob(raw, null);
		}
	}

}
