package com.example.classifier.modelservice.image;

import java.lang.management.ManagementFactory;

import com.example.classifier.common.image.ImageRefusedException;


/**
 * Runs bytes the whole way the worker does (check, decode, turn upright, resize, normalise) and says how it ended, how
 * long it took and how many bytes the thread allocated meanwhile ({@code ThreadMXBean#getThreadAllocatedBytes}: every
 * allocation, garbage included, so an upper bound of what the call held at once).
 */
final class DecodeProbe {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private final ImagePreparer preparer = new ImagePreparer(new ModelInput(224, 224, 3, TensorLayout.NHWC),
			Preprocessing.TORCH);

	private final DecodeBudget budget;

	DecodeProbe(DecodeBudget budget) {
		this.budget = budget;
	}

	/** How a call ended: the image was prepared, refused by the checks, found unreadable, or anything else. */
	enum Outcome {

		PREPARED, REFUSED, UNREADABLE, CRASHED

	}

	/** @param failure what the call threw, for {@link Outcome#CRASHED} */
	record Result(Outcome outcome, long nanos, long allocatedBytes, Throwable failure) {
	}

	Result run(byte[] bytes) {
		long allocated = THREADS.getCurrentThreadAllocatedBytes();
		long started = System.nanoTime();
		Outcome outcome;
		Throwable failure = null;
		try {
			this.preparer.prepare(bytes, this.budget);
			outcome = Outcome.PREPARED;
		}
		catch (UnreadableImageException ex) {
			outcome = (ex.getCause() instanceof ImageRefusedException) ? Outcome.REFUSED : Outcome.UNREADABLE;
		}
		catch (RuntimeException | Error ex) {
			outcome = Outcome.CRASHED;
			failure = ex;
		}
		return new Result(outcome, System.nanoTime() - started, THREADS.getCurrentThreadAllocatedBytes() - allocated,
				failure);
	}

}
