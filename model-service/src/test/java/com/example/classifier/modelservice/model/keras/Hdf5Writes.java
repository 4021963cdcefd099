package com.example.classifier.modelservice.model.keras;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5Object;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import static org.bytedeco.hdf5.global.hdf5.H5T_STR_NULLPAD;
import static org.bytedeco.hdf5.global.hdf5.H5T_VARIABLE;

/**
 * Datasets and attributes as h5py writes them for Keras, through the bytedeco HDF5 C++ API. A buffer is always passed
 * as a plain {@link Pointer}: the {@code BytePointer} overloads of {@code write} are HDF5's {@code std::string} ones.
 * The caller holds {@code Hdf5Archive.LOCK_OBJECT}.
 */
final class Hdf5Writes {

	private Hdf5Writes() {
	}

	static void dataset(Group group, String name, long[] shape, float[] values) {
		try (DataSpace space = new DataSpace(shape.length, shape);
				DataSet dataset = group.createDataSet(name, PredType.IEEE_F32LE(), space);
				FloatPointer data = new FloatPointer(values)) {
			dataset.write(data, PredType.NATIVE_FLOAT());
		}
	}

	/** An array of NUL-padded fixed-length strings, the length of the longest, as h5py stores numpy bytes. */
	static void fixedStrings(H5Object owner, String name, List<String> strings) {
		int size = strings.stream().mapToInt((s) -> s.getBytes(StandardCharsets.UTF_8).length).max().orElse(1);
		byte[] bytes = new byte[strings.size() * size];
		for (int i = 0; i < strings.size(); i++) {
			byte[] string = strings.get(i).getBytes(StandardCharsets.UTF_8);
			System.arraycopy(string, 0, bytes, i * size, string.length);
		}
		try (StrType type = new StrType(PredType.C_S1(), size);
				DataSpace space = new DataSpace(1, new long[] { strings.size() })) {
			type.setStrpad(H5T_STR_NULLPAD);
			write(owner, name, type, space, new BytePointer(bytes));
		}
	}

	/** A scalar fixed-length string ({@code f.attrs['backend'] = b'tensorflow'}). */
	static void scalarString(H5Object owner, String name, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		try (StrType type = new StrType(PredType.C_S1(), bytes.length); DataSpace space = new DataSpace()) {
			type.setStrpad(H5T_STR_NULLPAD);
			write(owner, name, type, space, new BytePointer(bytes));
		}
	}

	static void variableStrings(H5Object owner, String name, List<String> strings) {
		try (StrType type = new StrType(PredType.C_S1(), H5T_VARIABLE());
				DataSpace space = new DataSpace(1, new long[] { strings.size() });
				PointerPointer<BytePointer> pointers = new PointerPointer<>(strings.toArray(new String[0]))) {
			write(owner, name, type, space, pointers);
		}
	}

	/** What Keras writes for a layer without weights: {@code np.asarray([])}, float64 of shape (0,). */
	static void emptyFloats(H5Object owner, String name) {
		try (DataSpace space = new DataSpace(1, new long[] { 0 });
				Attribute attribute = owner.createAttribute(name, PredType.IEEE_F64LE(), space)) {
			// nothing to write
		}
	}

	private static void write(H5Object owner, String name, StrType type, DataSpace space,
			Pointer data) {
		try (data; Attribute attribute = owner.createAttribute(name, type, space)) {
			attribute.write(type, data);
		}
	}

}
