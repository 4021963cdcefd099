package com.example.classifier.modelservice.model.rewrite;

import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A {@link MultiLayerNetwork} as the equivalent one-path {@link ComputationGraph}, so that one set of passes serves
 * both network types. Like DL4J's own {@code NetworkUtils.toComputationGraph}, which relies on a one-path graph
 * ordering its parameters as the layer stack does, but without building an updater: the training state it would
 * allocate (two arrays the size of the weights for Adam) is never used here.
 */
final class AsGraph {

	static final String INPUT = "input";

	private AsGraph() {
	}

	static ComputationGraph of(MultiLayerNetwork network) {
		MultiLayerConfiguration layers = network.getLayerWiseConfigurations();
		GraphBuilder builder = new NeuralNetConfiguration.Builder().dataType(layers.getDataType())
			.graphBuilder()
			.addInputs(INPUT);
		String previous = INPUT;
		List<NeuralNetConfiguration> confs = layers.getConfs();
		for (int i = 0; i < confs.size(); i++) {
			String name = "layer" + i;
			InputPreProcessor preProcessor = layers.getInputPreProcess(i);
			builder.addLayer(name, confs.get(i).getLayer().clone(),
					(preProcessor != null) ? preProcessor.clone() : null, previous);
			previous = name;
		}
		ComputationGraphConfiguration conf = builder.setOutputs(previous).build();
		conf.setInferenceWorkspaceMode(layers.getInferenceWorkspaceMode());
		conf.setCacheMode(layers.getCacheMode());
		ComputationGraph graph = new ComputationGraph(conf);
		// Copies the flat parameter vector: the original network stays usable (and is closed by its owner).
		graph.init(network.params(), true);
		return graph;
	}

}
