package com.example.classifier.modelservice.model.catalog;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.example.classifier.modelservice.image.Preprocessing;


/**
 * The models {@code model.name} can choose. Each source is one that is kept up by its publisher; every file is
 * checked against its publisher's digest before use. {@link #standard()} is the service's; tests build their own with
 * local sources.
 */
public final class ModelCatalogue {

	/** The default model: the seed system's own, Keras Applications' ResNet50 with ImageNet weights. */
	public static final String RESNET50 = "resnet50";

	/** The real ImageNet model that ships in the jar, so the service always runs, also offline. */
	public static final String MOBILENETV2 = "mobilenetv2";

	private static final String KERAS_RESNET50_FILE = "resnet50_weights_tf_dim_ordering_tf_kernels.h5";

	private static final String ONNX_RESNET50_PATH = "onnx/models/main/validated/vision/classification/resnet/model/"
			+ "resnet50-v1-12.onnx";

	private static final ModelCatalogue STANDARD = new ModelCatalogue(List.of(
		new CatalogueModel(RESNET50, "ResNet50, ImageNet-1k (Keras Applications weights; ONNX Model Zoo for ONNX "
				+ "Runtime)", List.of(
				// Keras's WEIGHTS_HASHES gives the MD5; Google Cloud Storage is where keras.applications fetches it.
				new Artifact(KERAS_RESNET50_FILE, ModelFormat.KERAS_RESNET50_WEIGHTS,
						Checksum.md5("2cb95161c43110f7111970584f804107"), 102_853_048L, Preprocessing.CAFFE,
						List.of(URI.create("https://storage.googleapis.com/tensorflow/keras-applications/resnet/"
								+ KERAS_RESNET50_FILE),
								URI.create("https://github.com/keras-team/keras-applications/releases/download/resnet/"
										+ KERAS_RESNET50_FILE))),
				// MXNet's ResNet50 v1 exported by the ONNX Model Zoo: torch-style normalised RGB, NCHW, logits.
				new Artifact("resnet50-v1-12.onnx", ModelFormat.ONNX,
						Checksum.sha256("ab65bdc02c5b3123eb3cdf6dac01742438517d8635d4f233913b2be1c70db3b6"),
						102_442_450L, Preprocessing.TORCH,
						List.of(URI.create("https://media.githubusercontent.com/media/" + ONNX_RESNET50_PATH),
								URI.create("https://github.com/" + ONNX_RESNET50_PATH.replace("/main/", "/raw/main/")))),
				// The DL4J zoo's import of the same Keras weights; its storage account has been disabled repeatedly
				// (deeplearning4j #8728, #10043, #10142), so it is the last mirror. Adler-32 from ResNet50.java.
				new Artifact("resnet50_dl4j_inference.v3.zip", ModelFormat.DL4J_ZIP, Checksum.adler32(3914447815L),
						102_490_000L, Preprocessing.CAFFE,
						List.of(URI.create("https://dl4jdata.blob.core.windows.net/models/"
								+ "resnet50_dl4j_inference.v3.zip"))))),
		embeddedMobileNetV2()));

	private final Map<String, CatalogueModel> models = new LinkedHashMap<>();

	public ModelCatalogue(List<CatalogueModel> models) {
		models.forEach((model) -> this.models.put(model.name(), model));
	}

	/** The service's catalogue. */
	public static ModelCatalogue standard() {
		return STANDARD;
	}

	/** The MobileNetV2 that ships in the jar: every catalogue has it, as the fallback that always runs. */
	public static CatalogueModel embeddedMobileNetV2() {
		return new CatalogueModel(MOBILENETV2, "MobileNetV2, ImageNet-1k (ships in the jar; ONNX Model Zoo weights)",
				List.of(new Artifact("mobilenetv2-float.h5", ModelFormat.KERAS_FULL_MODEL,
						Checksum.sha256("382bf201d7a888b16f2a3013e6f163de801d972654e8378c92b37638624a2b15"),
						14_209_976L, Preprocessing.TORCH,
						List.of(URI.create("classpath:models/mobilenetv2-float.h5")))));
	}

	/** The model of that name (case-insensitive), if the catalogue has it. */
	public Optional<CatalogueModel> find(String name) {
		return Optional.ofNullable(this.models.get(name.trim().toLowerCase(Locale.ROOT)));
	}

	public List<String> names() {
		return List.copyOf(this.models.keySet());
	}

}
