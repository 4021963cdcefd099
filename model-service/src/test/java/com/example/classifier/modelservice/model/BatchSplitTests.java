package com.example.classifier.modelservice.model;

import java.util.ArrayList;
import java.util.List;

import com.example.classifier.common.Prediction;
import com.example.classifier.common.test.Fixtures;
import com.example.classifier.modelservice.image.PreparedImage;
import com.example.classifier.modelservice.image.Preprocessing;
import com.example.classifier.modelservice.image.Resize;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * One call's photos spread over two single-threaded calls (DL4J: two replicas; ONNX Runtime: a single-threaded second
 * session) give the answers of one call running the whole batch, in the photos' order, for every batch size up to
 * more images than threads.
 */
class BatchSplitTests {

	private static final List<String> PHOTOS = List.of("dog.jpg", "eagle.jpg", "giraffe.jpg", "bird.bmp", "cat.bmp");

	private static Dl4jImageClassifier whole;

	private static Dl4jImageClassifier split;

	private static OnnxImageClassifier onnxWhole;

	private static OnnxImageClassifier onnxSplit;

	@BeforeAll
	static void load() {
		ModelProperties properties = new ModelProperties(Fixtures.model(Fixtures.MOBILENETV2_H5), Preprocessing.TORCH,
				null, null, 5, "mobilenetv2-float");
		Dl4jRuntime.configure(properties.dl4jNatives(), 2, null);
		LoadedModel model = new ModelLoader().load(properties.path());
		whole = new Dl4jImageClassifier(model, Preprocessing.TORCH, Resize.CROP, Labels.imagenet(), 5, 1, 2, false);
		LoadedModel copy = new ModelLoader().load(properties.path());
		split = new Dl4jImageClassifier(copy, Preprocessing.TORCH, Resize.CROP, Labels.imagenet(), 5, 2, 1, true);
		ModelProperties int8 = new ModelProperties(Fixtures.model("mobilenetv2/mobilenetv2-12-int8.onnx"), null, null,
				null, 5, "mobilenetv2-int8")
			.withEngine(Engine.ONNX, 2, null);
		onnxWhole = ClassifierFactory.createOnnx(int8.withBatchSplit(false));
		onnxSplit = ClassifierFactory.createOnnx(int8);
	}

	@AfterAll
	static void close() {
		for (ImageClassifier classifier : java.util.Arrays.asList(whole, split, onnxWhole, onnxSplit)) {
			if (classifier != null) {
				classifier.close();
			}
		}
	}

	@Test
	void splitBatchesAnswerAsTheWholeBatchInTheSameOrder() throws Exception {
		answersAsTheWholeBatch(whole, split);
	}

	@Test
	void onnxSplitBatchesAnswerAsTheWholeBatchInTheSameOrder() throws Exception {
		assertThat(onnxSplit.splitsBatches()).isTrue();
		assertThat(onnxWhole.splitsBatches()).isFalse();
		answersAsTheWholeBatch(onnxWhole, onnxSplit);
	}

	private static void answersAsTheWholeBatch(ImageClassifier whole, ImageClassifier split) throws Exception {
		List<PreparedImage> images = new ArrayList<>();
		for (String photo : PHOTOS) {
			images.add(whole.prepare(Fixtures.imageBytes(photo)));
		}
		for (int size = 1; size <= images.size(); size++) {
			List<List<Prediction>> expected = whole.classify(images.subList(0, size));
			List<List<Prediction>> actual = split.classify(images.subList(0, size));
			assertThat(actual).hasSize(size);
			for (int i = 0; i < size; i++) {
				assertThat(actual.get(i)).extracting(Prediction::index)
					.as("batch of %d, photo %s", size, PHOTOS.get(i))
					.containsExactlyElementsOf(expected.get(i).stream().map(Prediction::index).toList());
				assertThat(actual.get(i).get(0).score()).isCloseTo(expected.get(i).get(0).score(), within(1e-5));
			}
		}
		assertThat(split.classify(images).get(0).get(0).label()).isEqualTo("malamute");
	}

	@Test
	void splitClassifierHoldsOneReplicaPerShard() {
		assertThat(split.replicas()).hasSize(2);
	}

}
