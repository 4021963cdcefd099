package com.example.classifier.modelservice.model.keras;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import static org.bytedeco.hdf5.global.hdf5.H5T_STRING;
import static org.bytedeco.hdf5.global.hdf5.H5T_VARIABLE;
import static org.bytedeco.hdf5.global.hdf5.H5free_memory;

/**
 * Reads an HDF5 attribute that holds an array of strings, such as Keras' {@code layer_names} and
 * {@code weight_names}. DL4J's {@code Hdf5Archive.readAttributeAsString} goes through HDF5's C++ {@code std::string}
 * read, which stops at the first NUL: of a NUL-padded array it returns the first name, or several run together.
 * The caller holds {@code Hdf5Archive.LOCK_OBJECT}.
 */
final class Hdf5Strings {

	private Hdf5Strings() {
	}

	/**
	 * A string array attribute: fixed-length strings (what h5py writes for Keras' lists of bytes, NUL-padded) or
	 * variable-length ones. Keras writes an empty float array for a layer without weights.
	 */
	static List<String> read(Attribute attribute) {
		long count;
		try (DataSpace space = attribute.getSpace()) {
			count = space.getSimpleExtentNpoints();
		}
		if (count == 0 || attribute.getTypeClass() != H5T_STRING) {
			return List.of();
		}
		List<String> strings = new ArrayList<>((int) count);
		try (StrType type = attribute.getStrType()) {
			if (type.isVariableStr()) {
				try (StrType memory = new StrType(PredType.C_S1(), H5T_VARIABLE());
						PointerPointer<BytePointer> pointers = new PointerPointer<>(count)) {
					attribute.read(memory, pointers);
					for (int i = 0; i < count; i++) {
						strings.add(pointers.getString(i, StandardCharsets.UTF_8));
						H5free_memory(pointers.get(i));
					}
				}
				return strings;
			}
			int size = (int) type.getSize();
			byte[] bytes = new byte[(int) count * size];
			try (BytePointer buffer = new BytePointer(bytes.length)) {
				// As a plain buffer: read(DataType, BytePointer) is the std::string overload, which reads one string.
				attribute.read(type, (Pointer) buffer);
				buffer.get(bytes);
			}
			for (int i = 0; i < count; i++) {
				int end = i * size;
				while (end < (i + 1) * size && bytes[end] != 0) {
					end++;
				}
				strings.add(new String(bytes, i * size, end - i * size, StandardCharsets.UTF_8).strip());
			}
			return strings;
		}
	}

}
