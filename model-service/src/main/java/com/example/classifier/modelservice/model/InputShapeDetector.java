package com.example.classifier.modelservice.model;

import java.util.ArrayList;
import java.util.List;

import com.example.classifier.modelservice.image.ModelInput;
import com.example.classifier.modelservice.image.TensorLayout;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InputType.InputTypeConvolutional;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the image size and axis order a network was built for. Keras files record the full input type; a DL4J
 * configuration (1.0.0-M2.1 does not store the graph's input types) records layout and channels on its first layers
 * and the size only when it starts with a {@link FeedForwardToCnnPreProcessor}.
 */
final class InputShapeDetector {

	private static final Logger log = LoggerFactory.getLogger(InputShapeDetector.class);

	private static final int FALLBACK_SIZE = 224;

	private InputShapeDetector() {
	}

	static @Nullable ModelInput fromInputType(InputType type) {
		if (type instanceof InputTypeConvolutional conv) {
			return new ModelInput((int) conv.getHeight(), (int) conv.getWidth(), (int) conv.getChannels(),
					TensorLayout.valueOf(conv.getFormat().name()));
		}
		return null;
	}

	/**
	 * @param sizeHint {@code [channels, height, width]} known from elsewhere (zoo metadata), or {@code null}
	 */
	static ModelInput fromNetwork(Model network, int @Nullable [] sizeHint) {
		List<Step> path = (network instanceof ComputationGraph graph) ? firstPath(graph.getConfiguration())
				: firstPath(((MultiLayerNetwork) network).getLayerWiseConfigurations());
		CNN2DFormat layout = null;
		long channels = -1;
		for (Step step : path) {
			if (step.preProcessor() instanceof FeedForwardToCnnPreProcessor flat) {
				// Flat input reshaped by DL4J into NCHW: the preprocessor knows the whole shape.
				return new ModelInput((int) flat.getInputHeight(), (int) flat.getInputWidth(),
						(int) flat.getNumChannels(), TensorLayout.NCHW);
			}
			Layer layer = step.layer();
			if (layer instanceof ConvolutionLayer conv) {
				layout = (layout != null) ? layout : conv.getCnn2dDataFormat();
				channels = (channels > 0) ? channels : conv.getNIn();
				break;
			}
			else if (layer instanceof BatchNormalization norm) {
				layout = (layout != null) ? layout : norm.getCnn2DFormat();
				channels = norm.getNIn();
			}
			else if (layer instanceof ZeroPaddingLayer padding) {
				layout = (layout != null) ? layout : padding.getDataFormat();
			}
			else if (layer instanceof SubsamplingLayer pooling) {
				layout = (layout != null) ? layout : pooling.getCnn2dDataFormat();
			}
			else {
				break;
			}
		}
		if (layout == null || channels <= 0) {
			log.warn("Could not find a convolution at the model's input; assuming 3-channel NCHW input");
			layout = (layout != null) ? layout : CNN2DFormat.NCHW;
			channels = (channels > 0) ? channels : 3;
		}
		if (sizeHint != null) {
			return new ModelInput(sizeHint[1], sizeHint[2], (int) channels, TensorLayout.valueOf(layout.name()));
		}
		log.warn("The model's configuration does not record its input height and width; assuming {}x{}",
				FALLBACK_SIZE, FALLBACK_SIZE);
		return new ModelInput(FALLBACK_SIZE, FALLBACK_SIZE, (int) channels, TensorLayout.valueOf(layout.name()));
	}

	/** The vertices from the (single) input onwards, following the first consumer at each step. */
	private static List<Step> firstPath(ComputationGraphConfiguration conf) {
		List<Step> path = new ArrayList<>();
		String current = conf.getNetworkInputs().get(0);
		for (String name : conf.getTopologicalOrderStr()) {
			List<String> inputs = conf.getVertexInputs().get(name);
			GraphVertex vertex = conf.getVertices().get(name);
			if (inputs != null && inputs.contains(current) && vertex instanceof LayerVertex layerVertex) {
				path.add(new Step(layerVertex.getPreProcessor(), layerVertex.getLayerConf().getLayer()));
				current = name;
			}
		}
		return path;
	}

	private static List<Step> firstPath(MultiLayerConfiguration conf) {
		List<Step> path = new ArrayList<>();
		for (int i = 0; i < conf.getConfs().size(); i++) {
			path.add(new Step(conf.getInputPreProcess(i), conf.getConf(i).getLayer()));
		}
		return path;
	}

	private record Step(@Nullable InputPreProcessor preProcessor, Layer layer) {
	}

}
