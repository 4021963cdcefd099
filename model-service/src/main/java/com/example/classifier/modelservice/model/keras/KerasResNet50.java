package com.example.classifier.modelservice.model.keras;

import java.nio.file.Path;

import com.example.classifier.modelservice.image.Preprocessing;
import com.example.classifier.modelservice.model.ModelLoadingException;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Keras Applications' ResNet50 with its ImageNet weights, from the weights-only file
 * {@code resnet50_weights_tf_dim_ordering_tf_kernels.h5} (MD5 {@code 2cb95161c43110f7111970584f804107}), which has
 * no architecture in it for DL4J's Keras import to read: the graph is built in code ({@link KerasResNet50Graph}) and
 * the weights are copied into it by layer name ({@link KerasWeightLoader}).
 * <p>
 * The graph takes {@code [batch, 224, 224, 3]} (NHWC, as Keras) in Keras' {@code caffe} preprocessing (BGR, ImageNet
 * mean subtracted, no scaling: the service's {@code Preprocessing.CAFFE}) and answers the 1000 ImageNet class
 * probabilities. 25,636,712 parameters; 7.72 GFLOP per image.
 */
public final class KerasResNet50 {

	private KerasResNet50() {
	}

	/**
	 * Builds the graph and loads the weights file into it.
	 * @param weightsH5 a Keras ResNet50 weights file ({@code model.save_weights} layout, layer groups
	 * {@code conv1_conv} ... and {@code probs} or {@code predictions})
	 * @return the network, ready for inference; the caller closes it
	 * @throws ModelLoadingException when the file is missing, is not HDF5, or lacks a layer or weight of ResNet50 or
	 * has one of another shape; the message names the file and the layer
	 */
	public static ComputationGraph load(Path weightsH5) {
		try (KerasWeightsFile file = KerasWeightsFile.open(weightsH5)) {
			ComputationGraph graph = new ComputationGraph(KerasResNet50Graph.configuration());
			graph.init();
			try {
				KerasWeightLoader.load(file, graph);
				return graph;
			}
			catch (RuntimeException ex) {
				graph.close();
				throw ex;
			}
		}
	}

}
