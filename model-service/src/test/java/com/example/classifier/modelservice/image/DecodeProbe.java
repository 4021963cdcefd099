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

	private final ImagePreparer preparer;

	private final DecodeBudget budget;

	/** For a 224 × 224 model, as the shipped ones. */
	DecodeProbe(DecodeBudget budget) {
		this(budget, 224);
	}

	/**
	 * For a {@code side} × {@code side} model: a small side makes small JPEGs need only part of their pixels, so the
	 * native decoder reads them (8: a 96 × 72 JPEG at 1/2, the shared photos at 1/8).
	 */
	DecodeProbe(DecodeBudget budget, int side) {
		this.preparer = new ImagePreparer(new ModelInput(side, side, 3, TensorLayout.NHWC), Preprocessing.TORCH);
		this.budget = budget;
		// Loaded now, as the worker does at start-up (DecoderStartup): loading took 1-3 s and 180 MB of garbage, which
		// would otherwise count against the first JPEG's 2 s.
		NativeJpeg.available();
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
