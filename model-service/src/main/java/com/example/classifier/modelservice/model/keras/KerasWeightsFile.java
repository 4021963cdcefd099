package com.example.classifier.modelservice.model.keras;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.example.classifier.modelservice.model.ModelLoadingException;
import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Keras weights-only HDF5 file ({@code model.save_weights}): one group per layer, named like the layer, whose
 * attribute {@code weight_names} lists its weights ({@code conv1_conv/kernel:0}, ...), each a dataset at that path
 * inside the group. Opened, walked and locked through DL4J's {@link Hdf5Archive} (HDF5 is not thread-safe; DL4J's
 * Keras import locks the same object); two reads are done directly: the {@code weight_names} string arrays
 * ({@link Hdf5Strings}: the archive reads an attribute as one string) and the datasets (in bulk).
 */
final class KerasWeightsFile implements AutoCloseable {

	private final Path path;

	private final Hdf5Archive archive;

	private final Set<String> layers;

	private KerasWeightsFile(Path path, Hdf5Archive archive) {
		this.path = path;
		this.archive = archive;
		this.layers = new HashSet<>(archive.getGroups());
	}

	/** @throws ModelLoadingException for a missing file or one that is not HDF5 */
	static KerasWeightsFile open(Path path) {
		if (!Files.isRegularFile(path)) {
			throw new ModelLoadingException("The Keras weights file " + path.toAbsolutePath() + " does not exist");
		}
		Hdf5Archive archive;
		try {
			archive = new Hdf5Archive(path.toAbsolutePath().toString());
		}
		catch (RuntimeException ex) {
			throw new ModelLoadingException(
					"The Keras weights file " + path.toAbsolutePath() + " is not an HDF5 file: " + ex.getMessage(), ex);
		}
		try {
			return new KerasWeightsFile(path, archive);
		}
		catch (RuntimeException ex) {
			archive.close();
			throw ex;
		}
	}

	Path path() {
		return this.path;
	}

	boolean hasLayer(String layer) {
		return this.layers.contains(layer);
	}

	int layerCount() {
		return this.layers.size();
	}

	/** The layer's {@code weight_names} in file order ({@code conv1_conv/kernel:0}, ...); empty for none. */
	List<String> weightNames(String layer) {
		synchronized (Hdf5Archive.LOCK_OBJECT) {
			Group[] groups = this.archive.openGroups(layer);
			try {
				Group group = groups[0];
				if (!group.attrExists("weight_names")) {
					return List.of();
				}
				try (Attribute names = group.openAttribute("weight_names")) {
					return Hdf5Strings.read(names);
				}
			}
			finally {
				this.archive.closeGroups(groups);
			}
		}
	}

	/**
	 * The dataset {@code weightName} (a path such as {@code conv1_conv/kernel:0}) in the layer's group, as float32 in
	 * the file's (row-major) order. Read in one call rather than through {@link Hdf5Archive#readDataSet}, which
	 * copies value by value (about 3 s for ResNet50's 25.6 M values).
	 * @throws IllegalArgumentException when the group has no such dataset
	 */
	INDArray read(String layer, String weightName) {
		synchronized (Hdf5Archive.LOCK_OBJECT) {
			Group[] groups = this.archive.openGroups(layer);
			try {
				if (!exists(groups[0], weightName)) {
					throw new IllegalArgumentException("no dataset " + weightName + " in group " + layer);
				}
				try (DataSet dataset = groups[0].openDataSet(weightName); DataSpace space = dataset.getSpace()) {
					long[] shape = new long[space.getSimpleExtentNdims()];
					space.getSimpleExtentDims(shape);
					float[] values = new float[(int) space.getSimpleExtentNpoints()];
					try (FloatPointer buffer = new FloatPointer(values.length)) {
						dataset.read(buffer, PredType.NATIVE_FLOAT());
						buffer.get(values);
					}
					return Nd4j.create(values, shape, 'c');
				}
			}
			finally {
				this.archive.closeGroups(groups);
			}
		}
	}

	/** Whether each component of the path exists (HDF5 fails rather than answers for a missing intermediate). */
	private static boolean exists(Group group, String path) {
		String prefix = "";
		for (String part : path.split("/")) {
			prefix = prefix.isEmpty() ? part : prefix + "/" + part;
			if (!group.nameExists(prefix)) {
				return false;
			}
		}
		return true;
	}

	@Override
	public void close() {
		this.archive.close();
	}

}
