package com.example.classifier.modelservice.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.example.classifier.common.Backoff;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The consumer pipelines of this process ({@code worker.threads} of them). Each has two threads: a taker that moves
 * the next batch out of Redis and prepares its images, and a runner that runs the engine, so decoding and resizing
 * overlap inference instead of queueing behind it. They meet in a synchronous hand-off, so a pipeline holds at most
 * one prepared batch beyond the one running. Each taker owns one dedicated Redis connection for its blocking BLMOVE;
 * a failed call closes that connection rather than reusing it. On stop, batches in hand are finished (for up to a
 * minute). A thread that dies goes to {@link ConsumerLiveness}, which has the process restarted.
 */
@Component
class JobWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

	private static final long HANDOFF_POLL_MILLIS = 200;

	private final RedisConnectionFactory connectionFactory;

	private final JobSource source;

	private final BatchPreparer preparer;

	private final BatchRunner runner;

	private final WorkerProperties properties;

	private final ConsumerLiveness liveness;

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	private volatile long lastLoopNanos = System.nanoTime();

	JobWorker(RedisConnectionFactory connectionFactory, JobSource source, BatchPreparer preparer, BatchRunner runner,
			WorkerProperties properties, ConsumerLiveness liveness) {
		this.connectionFactory = connectionFactory;
		this.source = source;
		this.preparer = preparer;
		this.runner = runner;
		this.properties = properties;
		this.liveness = liveness;
	}

	@Override
	public void start() {
		this.running = true;
		for (int i = 0; i < this.properties.threads(); i++) {
			SynchronousQueue<PreparedBatch> handoff = new SynchronousQueue<>();
			TakePacing pacing = this.properties.takeJustInTime() ? new TakePacing(this.properties.maxBatch()) : null;
			Thread taker = new Thread(() -> take(handoff, pacing), "job-taker-" + i);
			Thread runner = new Thread(() -> run(handoff, taker, pacing), "job-runner-" + i);
			taker.setUncaughtExceptionHandler(this.liveness);
			runner.setUncaughtExceptionHandler(this.liveness);
			taker.start();
			runner.start();
			this.threads.add(taker);
			this.threads.add(runner);
		}
		log.info("Worker {} consuming with {} pipeline(s), batches of up to {}", this.properties.id(),
				this.properties.threads(), this.properties.maxBatch());
	}

	@Override
	public void stop() {
		this.running = false;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		List<String> busy = new ArrayList<>();
		for (Thread thread : this.threads) {
			try {
				thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (thread.isAlive()) {
				busy.add(thread.getName());
			}
		}
		this.threads.clear();
		if (busy.isEmpty()) {
			log.info("Worker {} stopped; batches in hand were finished", this.properties.id());
		}
		else {
			// Their jobs stay in this worker's processing list; the reaper requeues them once the heartbeat lapses.
			log.warn("Worker {} stopped with {} still busy after 60 s; their batches were not finished",
					this.properties.id(), busy);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * True while the pipelines run, none of their threads has died, and one of them went round its loop within
	 * {@code within}.
	 */
	boolean isConsuming(Duration within) {
		return this.running && !this.liveness.isBroken() && System.nanoTime() - this.lastLoopNanos < within.toNanos();
	}

	private void take(SynchronousQueue<PreparedBatch> handoff, @Nullable TakePacing pacing) {
		Backoff backoff = new Backoff();
		while (this.running) {
			try (RedisConnection connection = this.connectionFactory.getConnection()) {
				while (this.running) {
					this.lastLoopNanos = System.nanoTime();
					awaitTakeMoment(pacing);
					List<TakenJob> batch = this.source.take(connection);
					if (!batch.isEmpty()) {
						long started = System.nanoTime();
						PreparedBatch prepared = this.preparer.prepare(batch);
						if (pacing != null) {
							pacing.prepared(batch.size(), System.nanoTime() - started);
						}
						handOver(handoff, prepared);
					}
					backoff.reset();
				}
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return;
				}
				log.warn("Taking jobs failed ({}); reconnecting", ex.toString());
				if (!backoff.pause()) {
					return;
				}
			}
		}
	}

	/** Sleeps until the runner is about to need the next batch ({@link TakePacing}), in short steps while running. */
	private void awaitTakeMoment(@Nullable TakePacing pacing) {
		long wait = (pacing != null) ? pacing.nanosBeforeTaking() : 0;
		while (wait > 0 && this.running) {
			LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(HANDOFF_POLL_MILLIS)));
			this.lastLoopNanos = System.nanoTime();
			wait = pacing.nanosBeforeTaking();
		}
	}

	/** Waits for the runner; a batch in hand is handed over even while stopping, the runner outlives the taker. */
	private void handOver(SynchronousQueue<PreparedBatch> handoff, PreparedBatch batch) {
		if (batch.isEmpty()) {
			return;
		}
		try {
			while (!handoff.offer(batch, HANDOFF_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
				this.lastLoopNanos = System.nanoTime();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void run(SynchronousQueue<PreparedBatch> handoff, Thread taker, @Nullable TakePacing pacing) {
		while (true) {
			PreparedBatch batch;
			try {
				batch = handoff.poll(HANDOFF_POLL_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (batch != null) {
				int size = batch.inputs().size();
				long started = System.nanoTime();
				if (pacing != null) {
					pacing.runStarted(size);
				}
				try {
					this.runner.run(batch);
				}
				catch (RuntimeException ex) {
					// The jobs stay in the processing list; the reaper recovers them if this worker dies.
					log.error("Answering a batch failed", ex);
				}
				finally {
					if (pacing != null) {
						pacing.runFinished(size, System.nanoTime() - started);
					}
				}
			}
			else if (!this.running && !taker.isAlive()) {
				return;
			}
		}
	}

}
