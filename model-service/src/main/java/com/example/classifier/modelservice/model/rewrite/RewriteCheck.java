package com.example.classifier.modelservice.model.rewrite;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs the network as loaded and as rewritten on the same random image before the rewritten one replaces it: their
 * answers must agree, and the log says what the rewrite bought on this machine (batch 1, best of a few calls each,
 * alternating, so that other work on the machine slows both alike).
 *
 * @param largestDifference largest absolute difference of any output value
 * @param msBefore best time of one call of the network as loaded
 * @param msAfter best time of one call of the rewritten network
 */
record RewriteCheck(double largestDifference, double msBefore, double msAfter) {

	/** Relative to the largest output value; probabilities moved by rounding differ by about 1e-6. */
	static final double TOLERANCE = 1e-3;

	private static final int TIMED_CALLS = 3;

	static RewriteCheck run(Model before, Model after, long[] imageShape) {
		long[] shape = new long[imageShape.length + 1];
		shape[0] = 1;
		System.arraycopy(imageShape, 0, shape, 1, imageShape.length);
		float[] values = new float[Math.toIntExact(Arrays.stream(imageShape).reduce(1, Math::multiplyExact))];
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < values.length; i++) {
			values[i] = (float) (random.nextDouble() * 4 - 2);
		}
		try (INDArray input = Nd4j.create(values, shape, 'c').castTo(before.params().dataType())) {
			double difference;
			double scale;
			// The first call of each also builds its oneDNN primitives; it is not timed.
			try (INDArray expected = forward(before, input); INDArray actual = forward(after, input)) {
				difference = expected.sub(actual).amaxNumber().doubleValue();
				scale = Math.max(1, expected.amaxNumber().doubleValue());
			}
			double msBefore = Double.MAX_VALUE;
			double msAfter = Double.MAX_VALUE;
			for (int i = 0; i < TIMED_CALLS; i++) {
				msBefore = Math.min(msBefore, time(before, input));
				msAfter = Math.min(msAfter, time(after, input));
			}
			return new RewriteCheck(difference / scale, msBefore, msAfter);
		}
	}

	boolean agrees() {
		return this.largestDifference <= TOLERANCE;
	}

	double speedUp() {
		return this.msBefore / this.msAfter;
	}

	private static double time(Model network, INDArray input) {
		long start = System.nanoTime();
		forward(network, input).close();
		return (System.nanoTime() - start) / 1e6;
	}

	private static INDArray forward(Model network, INDArray input) {
		if (network instanceof ComputationGraph graph) {
			return graph.outputSingle(false, input);
		}
		return ((MultiLayerNetwork) network).output(input, false);
	}

}
