package com.example.classifier.modelservice.model.keras;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.example.classifier.modelservice.model.keras.KerasResNet50Spec.Layer;
import com.example.classifier.modelservice.model.keras.KerasResNet50Spec.Weight;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.javacpp.Loader;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.jspecify.annotations.Nullable;

import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_TRUNC;

/**
 * Writes a Keras weights-only HDF5 file ({@code model.save_weights}, as Keras 2.x with h5py writes it) with seeded
 * random weights: root attributes {@code layer_names} (fixed-length NUL-padded strings), {@code backend} and
 * {@code keras_version}; a group per layer with the attribute {@code weight_names} ({@code conv1_conv/kernel:0}, ...;
 * an empty float array for a layer without weights) and each weight as a float32 dataset at that path in the group.
 * <p>
 * The values keep a ResNet50 fed Caffe-range pixels (std ~70) numerically tame, so that outputs are neither NaN nor a
 * saturated one-hot: convolution kernels He-normal (std sqrt(2 / fan in), preserving the mean square through ReLU),
 * batch normalisation moving means N(0, 0.1) and variances U(0.5, 1.5) (x 10^4 for {@code conv1_bn}, whose input is
 * the raw pixels), gammas U(0.5, 1) but U(0.1, 0.3) at the end of a residual branch ({@code _3_bn}) so that 16 residual
 * additions do not multiply the scale, betas N(0, 0.1), biases U(-0.1, 0.1), the classifier kernel N(0, 3 / sqrt(in))
 * for logits spread over a few units.
 */
public final class KerasResNet50WeightsWriter {

	private static @Nullable Path shared;

	private KerasResNet50WeightsWriter() {
	}

	/**
	 * The file of {@link #write(Path, long)} with seed 42, written once per test JVM for the test classes that only
	 * read it, and deleted when the JVM exits.
	 */
	public static synchronized Path shared() throws IOException {
		if (shared == null) {
			Path dir = Files.createTempDirectory("keras-resnet50-");
			Path file = dir.resolve("resnet50_weights_tf_dim_ordering_tf_kernels.h5");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					Files.deleteIfExists(file);
					Files.deleteIfExists(dir);
				}
				catch (IOException ex) {
					// the JVM is exiting: nothing more to do
				}
			}));
			write(file, 42);
			shared = file;
		}
		return shared;
	}

	/** Keras' ResNet50 with the classifier named {@code probs}, as in the Keras Applications file. */
	public static void write(Path file, long seed) {
		write(file, KerasResNet50Spec.layers("probs"), seed, false);
	}

	/** @param variableLengthNames write {@code weight_names} as variable-length strings instead of Keras' fixed ones */
	public static void write(Path file, List<Layer> layers, long seed, boolean variableLengthNames) {
		Loader.load(org.bytedeco.hdf5.global.hdf5.class);
		SplittableRandom random = new SplittableRandom(seed);
		synchronized (Hdf5Archive.LOCK_OBJECT) {
			try (H5File h5 = new H5File(file.toString(), H5F_ACC_TRUNC())) {
				Hdf5Writes.fixedStrings(h5, "layer_names", layers.stream().map(Layer::name).toList());
				Hdf5Writes.scalarString(h5, "backend", "tensorflow");
				Hdf5Writes.scalarString(h5, "keras_version", "2.2.4");
				for (Layer layer : layers) {
					try (Group group = h5.createGroup(layer.name())) {
						List<String> names = new ArrayList<>();
						for (Weight weight : layer.weights()) {
							names.add(layer.name() + "/" + weight.name() + ":0");
						}
						if (names.isEmpty()) {
							Hdf5Writes.emptyFloats(group, "weight_names");
						}
						else if (variableLengthNames) {
							Hdf5Writes.variableStrings(group, "weight_names", names);
						}
						else {
							Hdf5Writes.fixedStrings(group, "weight_names", names);
						}
						if (!layer.weights().isEmpty()) {
							try (Group inner = group.createGroup(layer.name())) {
								for (Weight weight : layer.weights()) {
									Hdf5Writes.dataset(inner, weight.name() + ":0", weight.shape(),
											values(layer.name(), weight, random));
								}
							}
						}
					}
				}
			}
		}
	}

	static float[] values(String layer, Weight weight, SplittableRandom random) {
		long[] shape = weight.shape();
		long count = 1;
		for (long axis : shape) {
			count *= axis;
		}
		float[] values = new float[(int) count];
		for (int i = 0; i < values.length; i++) {
			values[i] = (float) switch (weight.name()) {
				case "kernel" -> (shape.length == 4) ? random.nextGaussian() * Math.sqrt(2.0 * shape[3] / count)
						: random.nextGaussian() * 3 / Math.sqrt(shape[0]);
				case "bias" -> random.nextDouble(-0.1, 0.1);
				case "gamma" -> layer.endsWith("_3_bn") ? random.nextDouble(0.1, 0.3) : random.nextDouble(0.5, 1.0);
				case "beta", "moving_mean" -> random.nextGaussian() * 0.1;
				case "moving_variance" -> random.nextDouble(0.5, 1.5) * (layer.equals("conv1_bn") ? 1e4 : 1);
				default -> throw new IllegalArgumentException("No values for a weight named " + weight.name());
			};
		}
		return values;
	}

}
