package com.example.classifier.modelservice.model.keras;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Keras' ResNet50 as Keras describes it, written for the tests from {@code keras/applications/resnet.py}
 * ({@code ResNet50}, {@code stack1}, {@code block1}) independently of {@link KerasResNet50Graph}: the layers in
 * creation order with their Keras configuration, inbound layers and weights. From it the tests write a weights file
 * ({@link KerasResNet50WeightsWriter}) and the {@code model.to_json()} configuration for DL4J's own Keras import.
 */
public final class KerasResNet50Spec {

	/** A weight: short name ({@code kernel}, {@code moving_mean}, ...) and Keras shape. */
	public record Weight(String name, long... shape) {
	}

	public record Layer(String name, String className, Map<String, Object> config, List<String> inbound,
			List<Weight> weights) {

		/** The same layer with one weight's shape changed (for tests of misshapen files). */
		public Layer withShape(String weight, long... shape) {
			List<Weight> changed = new ArrayList<>();
			for (Weight w : this.weights) {
				changed.add(w.name().equals(weight) ? new Weight(weight, shape) : w);
			}
			return new Layer(this.name, this.className, this.config, this.inbound, changed);
		}

	}

	private final List<Layer> layers = new ArrayList<>();

	private KerasResNet50Spec() {
	}

	/** @param classifier the final Dense layer's name: {@code probs} (older files) or {@code predictions} */
	public static List<Layer> layers(String classifier) {
		KerasResNet50Spec spec = new KerasResNet50Spec();
		spec.add("input_1", "InputLayer", config("batch_input_shape", Arrays.asList(null, 224, 224, 3), "dtype",
				"float32", "sparse", false), List.of());
		spec.add("conv1_pad", "ZeroPadding2D", config("padding", List.of(List.of(3, 3), List.of(3, 3)), "data_format",
				"channels_last"), List.of(), "input_1");
		String x = spec.conv("conv1_conv", 3, 64, 7, 2, "valid", "conv1_pad");
		x = spec.batchNorm("conv1_bn", 64, x);
		x = spec.relu("conv1_relu", x);
		spec.add("pool1_pad", "ZeroPadding2D", config("padding", List.of(List.of(1, 1), List.of(1, 1)), "data_format",
				"channels_last"), List.of(), x);
		spec.add("pool1_pool", "MaxPooling2D", config("pool_size", List.of(3, 3), "padding", "valid", "strides",
				List.of(2, 2), "data_format", "channels_last"), List.of(), "pool1_pad");
		x = "pool1_pool";
		int channels = 64;
		int[] blocks = { 3, 4, 6, 3 };
		for (int stage = 0; stage < 4; stage++) {
			int filters = 64 << stage;
			for (int block = 1; block <= blocks[stage]; block++) {
				int stride = (block == 1 && stage > 0) ? 2 : 1;
				x = spec.block1(x, channels, filters, stride, block == 1, "conv" + (stage + 2) + "_block" + block);
				channels = 4 * filters;
			}
		}
		spec.add("avg_pool", "GlobalAveragePooling2D", config("data_format", "channels_last"), List.of(), x);
		spec.add(classifier, "Dense", config("units", 1000, "activation", "softmax", "use_bias", true,
				"kernel_initializer", initializer("VarianceScaling", "scale", 1.0, "mode", "fan_avg", "distribution",
						"uniform", "seed", null),
				"bias_initializer", initializer("Zeros"), "kernel_regularizer", null, "bias_regularizer", null,
				"activity_regularizer", null, "kernel_constraint", null, "bias_constraint", null),
				List.of(new Weight("kernel", 2048, 1000), new Weight("bias", 1000)), "avg_pool");
		return List.copyOf(spec.layers);
	}

	/** resnet.py {@code block1}: the stride in the first 1x1 convolution and in the shortcut. */
	private String block1(String x, int in, int filters, int stride, boolean convShortcut, String name) {
		String shortcut = x;
		if (convShortcut) {
			shortcut = conv(name + "_0_conv", in, 4 * filters, 1, stride, "valid", x);
			shortcut = batchNorm(name + "_0_bn", 4 * filters, shortcut);
		}
		String y = conv(name + "_1_conv", in, filters, 1, stride, "valid", x);
		y = relu(name + "_1_relu", batchNorm(name + "_1_bn", filters, y));
		y = conv(name + "_2_conv", filters, filters, 3, 1, "same", y);
		y = relu(name + "_2_relu", batchNorm(name + "_2_bn", filters, y));
		y = conv(name + "_3_conv", filters, 4 * filters, 1, 1, "valid", y);
		y = batchNorm(name + "_3_bn", 4 * filters, y);
		add(name + "_add", "Add", config(), List.of(), shortcut, y);
		return relu(name + "_out", name + "_add");
	}

	private String conv(String name, int in, int filters, int kernel, int stride, String padding, String input) {
		add(name, "Conv2D", config("filters", filters, "kernel_size", List.of(kernel, kernel), "strides",
				List.of(stride, stride), "padding", padding, "data_format", "channels_last", "dilation_rate",
				List.of(1, 1), "activation", "linear", "use_bias", true, "kernel_initializer",
				initializer("VarianceScaling", "scale", 2.0, "mode", "fan_in", "distribution", "uniform", "seed",
						null),
				"bias_initializer", initializer("Zeros"), "kernel_regularizer", null, "bias_regularizer", null,
				"activity_regularizer", null, "kernel_constraint", null, "bias_constraint", null),
				List.of(new Weight("kernel", kernel, kernel, in, filters), new Weight("bias", filters)), input);
		return name;
	}

	private String batchNorm(String name, int channels, String input) {
		add(name, "BatchNormalization", config("axis", 3, "momentum", 0.99, "epsilon", 1.001e-5, "center", true,
				"scale", true, "beta_initializer", initializer("Zeros"), "gamma_initializer", initializer("Ones"),
				"moving_mean_initializer", initializer("Zeros"), "moving_variance_initializer", initializer("Ones"),
				"beta_regularizer", null, "gamma_regularizer", null, "beta_constraint", null, "gamma_constraint",
				null),
				List.of(new Weight("gamma", channels), new Weight("beta", channels),
						new Weight("moving_mean", channels), new Weight("moving_variance", channels)),
				input);
		return name;
	}

	private String relu(String name, String input) {
		add(name, "Activation", config("activation", "relu"), List.of(), input);
		return name;
	}

	private void add(String name, String className, Map<String, Object> config, List<Weight> weights,
			String... inbound) {
		config.put("name", name);
		config.put("trainable", true);
		this.layers.add(new Layer(name, className, config, List.of(inbound), weights));
	}

	/** {@code model.to_json()} of the model, Keras 2.2.4 format. */
	public static String modelJson(List<Layer> layers) {
		List<Object> entries = new ArrayList<>();
		for (Layer layer : layers) {
			List<Object> node = layer.inbound().stream().<Object>map((in) -> List.of(in, 0, 0, Map.of())).toList();
			entries.add(config("name", layer.name(), "class_name", layer.className(), "config", layer.config(),
					"inbound_nodes", node.isEmpty() ? List.of() : List.of(node)));
		}
		String output = layers.get(layers.size() - 1).name();
		Map<String, Object> model = config("class_name", "Model", "config",
				config("name", "resnet50", "layers", entries, "input_layers", List.of(List.of("input_1", 0, 0)),
						"output_layers", List.of(List.of(output, 0, 0))),
				"keras_version", "2.2.4", "backend", "tensorflow");
		try {
			return new ObjectMapper().writeValueAsString(model);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> initializer(String className, Object... config) {
		return config("class_name", className, "config", config(config));
	}

	/** An ordered, mutable map from alternating keys and values (values may be null, as in Keras JSON). */
	private static Map<String, Object> config(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
