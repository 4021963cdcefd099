package com.example.classifier.modelservice.queue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.example.classifier.common.JobCodec;
import com.example.classifier.common.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisListCommands.Direction;
import org.springframework.stereotype.Component;

/**
 * Takes batches off the job list. Each job is moved atomically (BLMOVE/LMOVE) into this worker's processing list, so
 * a job is never in two workers' hands and is never lost between "taken" and "answered".
 */
@Component
class JobSource {

	private static final Logger log = LoggerFactory.getLogger(JobSource.class);

	private final byte[] queueKey;

	private final byte[] processingKey;

	private final JobCodec codec;

	private final double blockSeconds;

	private final int maxBatch;

	private final long maxWaitNanos;

	JobSource(RedisKeys keys, JobCodec codec, QueueProperties queue, WorkerProperties worker) {
		this.queueKey = keys.jobQueue().getBytes(StandardCharsets.UTF_8);
		this.processingKey = keys.processing(worker.id()).getBytes(StandardCharsets.UTF_8);
		this.codec = codec;
		this.blockSeconds = queue.blockTimeout().toMillis() / 1000.0;
		this.maxBatch = worker.maxBatch();
		this.maxWaitNanos = worker.maxWait().toNanos();
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
		add(batch, first);
		try {
			fill(connection, batch);
		}
		catch (RuntimeException ex) {
			// The jobs already moved are in this worker's processing list: run them rather than strand them there.
			log.warn("Stopped filling a batch of {} ({})", batch.size(), ex.getMessage());
		}
		return batch;
	}

	private void fill(RedisConnection connection, List<TakenJob> batch) {
		long waitUntil = System.nanoTime() + this.maxWaitNanos;
		while (batch.size() < this.maxBatch) {
			byte[] next = connection.listCommands()
				.lMove(this.queueKey, this.processingKey, Direction.LEFT, Direction.RIGHT);
			if (next == null) {
				long remaining = waitUntil - System.nanoTime();
				if (remaining <= 1_000_000) {
					break;
				}
				next = connection.listCommands()
					.bLMove(this.queueKey, this.processingKey, Direction.LEFT, Direction.RIGHT,
							Math.max(0.01, remaining / 1e9));
				if (next == null) {
					break;
				}
			}
			add(batch, next);
		}
	}

	private void add(List<TakenJob> batch, byte[] raw) {
		try {
			batch.add(new TakenJob(raw, this.codec.readJob(raw)));
		}
		catch (RuntimeException ex) {
			// An unreadable element would poison every batch it sits in; keep it aside for people to inspect.
			log.error("Unreadable job moved to the dead-letter list: {}", ex.getMessage());
			batch.add(new TakenJob(raw, null));
		}
	}

}
