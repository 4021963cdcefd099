package com.example.classifier.modelservice.model.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;

/**
 * A copy of a graph's configuration being rewritten: which vertex feeds which, and removing a single-input vertex so
 * that its consumers read its input instead. The passes only change configurations; the parameters are moved once at
 * the end ({@link ParameterCopy}).
 */
final class GraphEdit {

	private final ComputationGraphConfiguration conf;

	GraphEdit(ComputationGraphConfiguration original) {
		// clone() copies every vertex and layer configuration: the original graph stays as it was.
		this.conf = original.clone();
		// The cached order names vertices that the passes remove; ComputationGraph.init() recomputes it when unset.
		this.conf.setTopologicalOrder(null);
		this.conf.setTopologicalOrderStr(null);
	}

	ComputationGraphConfiguration configuration() {
		return this.conf;
	}

	/** Vertex names, in insertion order, copied (passes remove vertices while iterating). */
	List<String> vertices() {
		return new ArrayList<>(this.conf.getVertices().keySet());
	}

	/** The layer configuration of a layer vertex, or {@code null} for other vertices, inputs and removed names. */
	@Nullable Layer layer(String name) {
		GraphVertex vertex = this.conf.getVertices().get(name);
		return (vertex instanceof LayerVertex layerVertex) ? layerVertex.getLayerConf().getLayer() : null;
	}

	/**
	 * The convolution a vertex holds, if it is one the folds understand: a plain {@link ConvolutionLayer} or a
	 * {@link DepthwiseConvolution2D}, not the subclasses whose weights are laid out otherwise (separable,
	 * deconvolution, 1D, 3D).
	 */
	@Nullable ConvolutionLayer convolution(String name) {
		Layer layer = layer(name);
		if (layer != null && (layer.getClass() == ConvolutionLayer.class
				|| layer.getClass() == DepthwiseConvolution2D.class)) {
			return (ConvolutionLayer) layer;
		}
		return null;
	}

	/** The only input of a vertex, or {@code null} when it has none or several. */
	@Nullable String singleInput(String name) {
		List<String> inputs = this.conf.getVertexInputs().get(name);
		return (inputs != null && inputs.size() == 1) ? inputs.get(0) : null;
	}

	/**
	 * Whether {@code producer}'s output goes to {@code consumer} alone: not to another vertex, not out of the network.
	 * Only then may the consumer's work move into the producer.
	 */
	boolean feedsOnly(String producer, String consumer) {
		if (this.conf.getNetworkOutputs().contains(producer)) {
			return false;
		}
		for (Map.Entry<String, List<String>> entry : this.conf.getVertexInputs().entrySet()) {
			if (!entry.getKey().equals(consumer) && entry.getValue().contains(producer)) {
				return false;
			}
		}
		return List.of(producer).equals(this.conf.getVertexInputs().get(consumer));
	}

	/**
	 * Whether a single-input vertex can disappear: it has no input preprocessor (that would reshape what it reads) and
	 * is not one of the network's outputs (whose name callers ask for).
	 */
	boolean removable(String name) {
		return this.conf.getVertices().containsKey(name) && !preprocessed(name) && singleInput(name) != null
				&& !this.conf.getNetworkOutputs().contains(name);
	}

	/** Removes a {@link #removable} vertex; whatever read it reads its input instead. */
	void bypass(String name) {
		String input = singleInput(name);
		if (input == null || !removable(name)) {
			throw new IllegalStateException(name + " cannot be bypassed");
		}
		this.conf.getVertices().remove(name);
		this.conf.getVertexInputs().remove(name);
		for (List<String> inputs : this.conf.getVertexInputs().values()) {
			inputs.replaceAll((each) -> each.equals(name) ? input : each);
		}
	}

	static boolean isIdentity(@Nullable IActivation activation) {
		return activation instanceof ActivationIdentity;
	}

	/** Whether a vertex is a layer whose input is reshaped first (then its producer's output is not what it reads). */
	boolean preprocessed(String name) {
		return this.conf.getVertices().get(name) instanceof LayerVertex layerVertex
				&& layerVertex.getPreProcessor() != null;
	}

}
