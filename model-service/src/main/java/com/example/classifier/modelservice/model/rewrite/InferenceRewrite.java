package com.example.classifier.modelservice.model.rewrite;

import java.util.Locale;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites a loaded DL4J network for inference only: batch normalisations folded into the convolution before them,
 * activation layers into the convolution they follow, symmetric zero padding into the next convolution, dropout and
 * identity layers dropped. The answers stay the same (up to float rounding); the work per image shrinks: every
 * normalisation, activation and padding vertex was one more pass over the whole activation tensor and one more
 * array per call.
 * <p>
 * Works on a {@link ComputationGraph} (Keras imports, the built-in Keras ResNet50) and on a
 * {@link MultiLayerNetwork} (as the equivalent one-path graph, which is what it returns then). Whatever a pass does
 * not recognise is left as it was.
 */
public final class InferenceRewrite {

	private static final Logger log = LoggerFactory.getLogger(InferenceRewrite.class);

	/** The network to run (the original itself when nothing applied) and what changed. */
	record Rewritten(Model network, Rewrites rewrites) {
	}

	private InferenceRewrite() {
	}

	/**
	 * Rewrites the network, checks on a random image that the rewritten one answers as the original does, and
	 * returns the one to run; logs what was folded and the speed-up measured on that image. Takes ownership: when the
	 * rewritten network is returned, the original is closed. When rewriting fails or the answers differ, the original
	 * is returned and a WARN says why.
	 * @param network as loaded
	 * @param imageShape one image as the network takes it, without the batch axis (e.g. {@code [224, 224, 3]})
	 */
	public static Model apply(Model network, long[] imageShape) {
		Rewritten rewritten;
		try {
			rewritten = rewrite(network);
		}
		catch (RuntimeException ex) {
			log.warn("Graph rewrites failed, running the network as loaded (model.graph-rewrites=false skips them): {}",
					ex.toString(), ex);
			return network;
		}
		if (rewritten.network() == network) {
			log.info("Graph rewrites: nothing to fold or drop in this network");
			return network;
		}
		RewriteCheck check;
		try {
			check = RewriteCheck.run(network, rewritten.network(), imageShape);
		}
		catch (RuntimeException ex) {
			rewritten.network().close();
			log.warn("The rewritten network fails on a test image, running the network as loaded: {}", ex.toString(),
					ex);
			return network;
		}
		if (!check.agrees()) {
			rewritten.network().close();
			log.warn("Graph rewrites changed the answers (largest difference {} on a test image, more than {}); "
					+ "running the network as loaded", check.largestDifference(), RewriteCheck.TOLERANCE);
			return network;
		}
		log.info(String.format(Locale.ROOT, "Graph rewrites for inference: %s. Same answers (largest difference "
				+ "%.1e); one image took %.1f ms as loaded and %.1f ms rewritten: %.2fx", rewritten.rewrites(),
				check.largestDifference(), check.msBefore(), check.msAfter(), check.speedUp()));
		network.close();
		return rewritten.network();
	}

	/** The passes alone, no check: the original is left open and unchanged. */
	static Rewritten rewrite(Model network) {
		ComputationGraph graph = (network instanceof MultiLayerNetwork layers) ? AsGraph.of(layers)
				: (ComputationGraph) network;
		try {
			GraphEdit edit = new GraphEdit(graph.getConfiguration());
			Rewrites rewrites = new Rewrites();
			rewrites.verticesBefore = edit.vertices().size();
			// Dropping first lets a convolution -> dropout -> normalisation chain fold; the normalisation fold
			// first leaves a bare convolution for the activation after it.
			InferenceOnlyLayers.drop(edit, rewrites);
			BatchNormFold.apply(edit, rewrites);
			ActivationFold.apply(edit, rewrites);
			PaddingFold.apply(edit, rewrites);
			rewrites.verticesAfter = edit.vertices().size();
			if (!rewrites.changed()) {
				return new Rewritten(network, rewrites);
			}
			return new Rewritten(ParameterCopy.build(edit.configuration(), graph, rewrites.batchNorms), rewrites);
		}
		finally {
			if (graph != network) {
				graph.close();
			}
		}
	}

}
