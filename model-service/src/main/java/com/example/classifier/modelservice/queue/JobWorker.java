package com.example.classifier.modelservice.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.example.classifier.common.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The consumer threads of this process. Each owns one dedicated Redis connection for its blocking BLMOVE; a failed
 * blocking call closes that connection instead of reusing it. On stop, each thread finishes the batch in hand.
 */
@Component
class JobWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

	private final RedisConnectionFactory connectionFactory;

	private final JobSource source;

	private final BatchProcessor processor;

	private final WorkerProperties properties;

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	private volatile long lastLoopNanos = System.nanoTime();

	JobWorker(RedisConnectionFactory connectionFactory, JobSource source, BatchProcessor processor,
			WorkerProperties properties) {
		this.connectionFactory = connectionFactory;
		this.source = source;
		this.processor = processor;
		this.properties = properties;
	}

	@Override
	public void start() {
		this.running = true;
		for (int i = 0; i < this.properties.threads(); i++) {
			Thread thread = new Thread(this::consume, "job-worker-" + i);
			thread.start();
			this.threads.add(thread);
		}
		log.info("Worker {} consuming with {} thread(s), batches of up to {}", this.properties.id(),
				this.properties.threads(), this.properties.maxBatch());
	}

	@Override
	public void stop() {
		this.running = false;
		for (Thread thread : this.threads) {
			try {
				thread.join(TimeUnit.SECONDS.toMillis(60));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.threads.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** True while the consumer threads run and one of them went round its loop within {@code within}. */
	boolean isConsuming(java.time.Duration within) {
		return this.running && System.nanoTime() - this.lastLoopNanos < within.toNanos();
	}

	private void consume() {
		Backoff backoff = new Backoff();
		while (this.running) {
			try (RedisConnection connection = this.connectionFactory.getConnection()) {
				while (this.running) {
					this.lastLoopNanos = System.nanoTime();
					List<TakenJob> batch = this.source.take(connection);
					if (!batch.isEmpty()) {
						this.processor.process(batch);
					}
					backoff.reset();
				}
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return;
				}
				log.warn("Worker loop failed ({}); reconnecting", ex.toString());
				if (!backoff.pause()) {
					return;
				}
			}
		}
	}

}
