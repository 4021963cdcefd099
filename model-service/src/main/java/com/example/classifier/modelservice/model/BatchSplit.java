package com.example.classifier.modelservice.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.example.classifier.modelservice.image.PreparedImage;

/**
 * Spreads the images of one call over several single-threaded engine calls at once (DL4J: one replica of the network
 * each, one OpenMP thread; ONNX Runtime: one session with one intra-op thread): a worker with one consumer thread then
 * keeps every core busy inside the network, as two single-threaded consumers would, instead of one call whose threads
 * wait for each other at every layer, and stall together whenever another process takes one core (docs/performance.md
 * has the measured figures). The calling thread runs the first shard itself; the others run on a small pool.
 */
final class BatchSplit implements AutoCloseable {

	private final int shards;

	private final ExecutorService pool;

	BatchSplit(int shards, String modelId) {
		this.shards = shards;
		AtomicInteger count = new AtomicInteger();
		this.pool = Executors.newFixedThreadPool(shards - 1, (task) -> {
			Thread thread = new Thread(task, "shard-" + count.incrementAndGet() + "-" + modelId);
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * @param images one call's images, at least two
	 * @param run runs a contiguous shard on a free replica, answers one row per image
	 * @return one row per image, in order
	 */
	float[][] run(List<PreparedImage> images, Function<List<PreparedImage>, float[][]> run) {
		int parts = Math.min(this.shards, images.size());
		List<List<PreparedImage>> shards = new ArrayList<>(parts);
		for (int i = 0; i < parts; i++) {
			shards.add(images.subList(i * images.size() / parts, (i + 1) * images.size() / parts));
		}
		List<Future<float[][]>> others = new ArrayList<>(parts - 1);
		for (int i = 1; i < parts; i++) {
			List<PreparedImage> shard = shards.get(i);
			others.add(this.pool.submit(() -> run.apply(shard)));
		}
		List<float[][]> results = new ArrayList<>(parts);
		RuntimeException failure = null;
		try {
			results.add(run.apply(shards.get(0)));
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		// Every shard is awaited even when one failed: none may still hold a replica when the call returns.
		for (Future<float[][]> other : others) {
			try {
				results.add(await(other));
			}
			catch (RuntimeException ex) {
				failure = (failure != null) ? failure : ex;
			}
		}
		if (failure != null) {
			throw failure;
		}
		float[][] rows = new float[images.size()][];
		int row = 0;
		for (float[][] result : results) {
			for (float[] values : result) {
				rows[row++] = values;
			}
		}
		return rows;
	}

	private static float[][] await(Future<float[][]> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a shard of the batch", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("A shard of the batch failed", ex.getCause());
		}
	}

	@Override
	public void close() {
		this.pool.shutdownNow();
	}

}
