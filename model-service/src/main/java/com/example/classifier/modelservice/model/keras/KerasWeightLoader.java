package com.example.classifier.modelservice.model.keras;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.classifier.modelservice.model.ModelLoadingException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies the weights of a Keras weights-only file into a graph whose layers carry the Keras layer names, matching
 * layer by name (like Keras' {@code load_weights(by_name=True)}) and weight by its short name ({@code kernel},
 * {@code bias}, {@code gamma}, {@code beta}, {@code moving_mean}, {@code moving_variance}). Layouts: a Keras
 * convolution kernel is {@code [kh, kw, in, out]}, DL4J's {@code [out, in, kh, kw]} whatever the data format; a dense
 * kernel is {@code [in, out]} in both; vectors are {@code [n]} in Keras and {@code [1, n]} in DL4J.
 */
final class KerasWeightLoader {

	/** Groups that may hold a graph layer's weights: Keras named the classifier {@code probs} before 2.3. */
	private static final Map<String, List<String>> GROUPS = Map.of(KerasResNet50Graph.OUTPUT,
			List.of(KerasResNet50Graph.OUTPUT, "probs"));

	/** A Keras weight and the DL4J parameter it becomes; {@code permutation} maps Keras axes to DL4J's. */
	private record Param(String keras, String dl4j, int... permutation) {
	}

	private static final List<Param> CONV = List.of(new Param("kernel", "W", 3, 2, 0, 1), new Param("bias", "b"));

	private static final List<Param> DENSE = List.of(new Param("kernel", "W"), new Param("bias", "b"));

	private static final List<Param> BATCH_NORM = List.of(new Param("gamma", "gamma"), new Param("beta", "beta"),
			new Param("moving_mean", "mean"), new Param("moving_variance", "var"));

	private KerasWeightLoader() {
	}

	/** @throws ModelLoadingException naming the file and the layer that is missing or has another shape */
	static void load(KerasWeightsFile file, ComputationGraph graph) {
		long copied = 0;
		for (Layer layer : graph.getLayers()) {
			if (layer.numParams() == 0) {
				continue;
			}
			String name = layer.conf().getLayer().getLayerName();
			String group = group(file, name);
			Map<String, String> weights = shortNames(file.weightNames(group));
			for (Param param : params(layer)) {
				String weight = weights.get(param.keras());
				if (weight == null) {
					throw mismatch(file, name, "has no " + param.keras() + " (its weights: " + weights.values() + ")");
				}
				copied += copy(file, group, weight, param, layer.getParam(param.dl4j()), name);
			}
		}
		if (copied != graph.numParams()) {
			throw new IllegalStateException("Copied " + copied + " of the graph's " + graph.numParams() + " parameters");
		}
	}

	private static List<Param> params(Layer layer) {
		var conf = layer.conf().getLayer();
		if (conf instanceof ConvolutionLayer) {
			return CONV;
		}
		if (conf instanceof BatchNormalization) {
			return BATCH_NORM;
		}
		if (conf instanceof DenseLayer || conf instanceof BaseOutputLayer) {
			return DENSE;
		}
		throw new IllegalStateException("No Keras weights known for " + conf.getClass().getSimpleName() + " layers");
	}

	private static String group(KerasWeightsFile file, String layer) {
		List<String> candidates = GROUPS.getOrDefault(layer, List.of(layer));
		for (String candidate : candidates) {
			if (file.hasLayer(candidate)) {
				return candidate;
			}
		}
		String names = (candidates.size() == 1) ? layer : String.join(" or ", candidates);
		throw mismatch(file, names, "is missing (the file has " + file.layerCount() + " layer groups)");
	}

	/** {@code conv1_conv/kernel:0} -> {@code kernel}, in file order. */
	private static Map<String, String> shortNames(List<String> weightNames) {
		Map<String, String> byShortName = new LinkedHashMap<>();
		for (String weightName : weightNames) {
			String shortName = weightName.substring(weightName.lastIndexOf('/') + 1).replaceFirst(":\\d+$", "");
			byShortName.put(shortName, weightName);
		}
		return byShortName;
	}

	private static long copy(KerasWeightsFile file, String group, String weight, Param param, INDArray target,
			String layer) {
		long[] expected = kerasShape(target.shape(), param.permutation());
		INDArray value;
		try {
			value = file.read(group, weight);
		}
		catch (RuntimeException ex) {
			throw new ModelLoadingException("Cannot read " + weight + " of layer " + group + " from the Keras weights file "
					+ file.path().toAbsolutePath() + ": " + ex.getMessage(), ex);
		}
		try (value) {
			if (!Arrays.equals(value.shape(), expected)) {
				throw mismatch(file, layer, param.keras() + " has shape " + Arrays.toString(value.shape())
						+ ", ResNet50 needs " + Arrays.toString(expected));
			}
			INDArray source = (param.permutation().length > 0) ? value.permute(param.permutation())
					: value.reshape(target.shape());
			target.assign(source);
			return target.length();
		}
	}

	/** The shape of the Keras array that becomes {@code dl4j} after the permutation (a DL4J row vector: a vector). */
	private static long[] kerasShape(long[] dl4j, int[] permutation) {
		if (permutation.length > 0) {
			long[] keras = new long[dl4j.length];
			for (int i = 0; i < permutation.length; i++) {
				keras[permutation[i]] = dl4j[i];
			}
			return keras;
		}
		return (dl4j.length == 2 && dl4j[0] == 1) ? new long[] { dl4j[1] } : dl4j;
	}

	private static ModelLoadingException mismatch(KerasWeightsFile file, String layer, String problem) {
		return new ModelLoadingException("The Keras weights file " + file.path().toAbsolutePath()
				+ " does not fit Keras' ResNet50: layer " + layer + " " + problem);
	}

}
