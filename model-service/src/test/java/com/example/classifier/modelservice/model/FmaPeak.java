package com.example.classifier.modelservice.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The CPU's FP32 peak, measured: each thread runs 12 independent chains of vector fused multiply-adds on registers
 * (no memory traffic), enough to keep both FMA ports busy despite the 4-cycle FMA latency. With AVX-512 this is
 * 16 lanes x 2 FLOP x 2 ports per cycle per core, the number a convolution engine can at best approach.
 * <p>
 * Why the Vector API (incubating in Java 17, so this runs with {@code --add-modules jdk.incubator.vector}): a plain
 * {@code Math.fma} loop on scalars compiles to scalar FMAs and would measure 1/16 of the vector peak; a GEMM measures
 * a library, not the hardware. Prints {@code @@PEAK threads=N gflops=X perCpuSecond=Y} for 1..N threads (best of 3):
 * GFLOP per second of wall time, and per second of CPU time the threads got (a core's peak even when other work
 * shares the machine).
 */
public final class FmaPeak {

	private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

	private static final long ITERATIONS = 100_000_000L;

	private FmaPeak() {
	}

	public static void main(String[] args) throws Exception {
		int maxThreads = (args.length > 0) ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
		System.out.println("@@INFO vector lanes " + SPECIES.length() + " (" + SPECIES.vectorBitSize() + " bit)");
		for (int i = 0; i < 5; i++) {
			chains(2_000_000);
		}
		for (int threads = 1; threads <= maxThreads; threads++) {
			double best = 0;
			double bestPerCpuSecond = 0;
			for (int round = 0; round < 3; round++) {
				double[] result = gflops(threads);
				best = Math.max(best, result[0]);
				bestPerCpuSecond = Math.max(bestPerCpuSecond, result[1]);
			}
			System.out.printf(Locale.ROOT, "@@PEAK threads=%d gflops=%.1f perCpuSecond=%.1f%n", threads, best,
					bestPerCpuSecond);
		}
	}

	/**
	 * @return GFLOP/s of wall time, and GFLOP per CPU second the threads got (one core's peak, whatever else runs)
	 */
	private static double[] gflops(int threads) throws InterruptedException {
		List<Thread> running = new ArrayList<>();
		long[] cpuNanos = new long[threads];
		java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
		long start = System.nanoTime();
		for (int t = 0; t < threads; t++) {
			int index = t;
			Thread thread = new Thread(() -> {
				long before = bean.getCurrentThreadCpuTime();
				chains(ITERATIONS);
				cpuNanos[index] = bean.getCurrentThreadCpuTime() - before;
			});
			running.add(thread);
			thread.start();
		}
		for (Thread thread : running) {
			thread.join();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		double flop = threads * ITERATIONS * 12.0 * SPECIES.length() * 2;
		double cpuSeconds = java.util.Arrays.stream(cpuNanos).sum() / 1e9;
		return new double[] { flop / seconds / 1e9, flop / cpuSeconds / 1e9 };
	}

	/** 12 accumulators x iterations x lanes FMAs; the result is returned so the JIT cannot drop the work. */
	static float chains(long iterations) {
		FloatVector m = FloatVector.broadcast(SPECIES, 0.9999999f);
		FloatVector c = FloatVector.broadcast(SPECIES, 1e-7f);
		FloatVector a0 = FloatVector.broadcast(SPECIES, 1.0f);
		FloatVector a1 = FloatVector.broadcast(SPECIES, 1.1f);
		FloatVector a2 = FloatVector.broadcast(SPECIES, 1.2f);
		FloatVector a3 = FloatVector.broadcast(SPECIES, 1.3f);
		FloatVector a4 = FloatVector.broadcast(SPECIES, 1.4f);
		FloatVector a5 = FloatVector.broadcast(SPECIES, 1.5f);
		FloatVector a6 = FloatVector.broadcast(SPECIES, 1.6f);
		FloatVector a7 = FloatVector.broadcast(SPECIES, 1.7f);
		FloatVector a8 = FloatVector.broadcast(SPECIES, 1.8f);
		FloatVector a9 = FloatVector.broadcast(SPECIES, 1.9f);
		FloatVector a10 = FloatVector.broadcast(SPECIES, 2.0f);
		FloatVector a11 = FloatVector.broadcast(SPECIES, 2.1f);
		for (long i = 0; i < iterations; i++) {
			a0 = a0.fma(m, c);
			a1 = a1.fma(m, c);
			a2 = a2.fma(m, c);
			a3 = a3.fma(m, c);
			a4 = a4.fma(m, c);
			a5 = a5.fma(m, c);
			a6 = a6.fma(m, c);
			a7 = a7.fma(m, c);
			a8 = a8.fma(m, c);
			a9 = a9.fma(m, c);
			a10 = a10.fma(m, c);
			a11 = a11.fma(m, c);
		}
		return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
			.reduceLanes(VectorOperators.ADD);
	}

}
