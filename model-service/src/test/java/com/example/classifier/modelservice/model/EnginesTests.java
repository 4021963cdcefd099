package com.example.classifier.modelservice.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.example.classifier.common.Prediction;
import com.example.classifier.common.test.Fixtures;
import com.example.classifier.modelservice.image.ModelInput;
import com.example.classifier.modelservice.image.PreparedImage;
import com.example.classifier.modelservice.image.Preprocessing;
import com.example.classifier.modelservice.image.TensorLayout;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both engines on the same real photos: DL4J on the float Keras MobileNetV2 (two replicas, oneDNN), ONNX Runtime on
 * the int8 ONNX MobileNetV2. Models are loaded once for the class.
 */
class EnginesTests {

	private static final List<String> PHOTOS = List.of("dog.jpg", "eagle.jpg", "bird.bmp", "cat.bmp");

	/** malamute, bald eagle, chickadee, Egyptian cat. */
	private static final List<Integer> EXPECTED = List.of(249, 22, 19, 285);

	private static Dl4jImageClassifier dl4j;

	private static OnnxImageClassifier onnx;

	@BeforeAll
	static void loadModels() {
		ModelProperties h5 = new ModelProperties(Fixtures.model("mobilenetv2/mobilenetv2-float.h5"),
				Preprocessing.TORCH, null, null, 5, "mobilenetv2-float")
			.withEngine(null, 1, 2);
		dl4j = ClassifierFactory.createDl4j(h5);
		ModelProperties int8 = new ModelProperties(Fixtures.model("mobilenetv2/mobilenetv2-12-int8.onnx"), null,
				null, null, 5, "mobilenetv2-int8")
			.withEngine(null, 1, 1);
		onnx = ClassifierFactory.createOnnx(int8);
	}

	@AfterAll
	static void close() {
		if (dl4j != null) {
			dl4j.close();
		}
		if (onnx != null) {
			onnx.close();
		}
	}

	@Test
	void onnxReadsLayoutSizeAndPreprocessingFromTheModel() {
		assertThat(onnx.input()).isEqualTo(new ModelInput(224, 224, 3, TensorLayout.NCHW));
		assertThat(onnx.preprocessing()).isEqualTo(Preprocessing.TORCH);
		assertThat(onnx.classes()).isEqualTo(1000);
		assertThat(onnx.modelId()).isEqualTo("mobilenetv2-12-int8.onnx@cc028fe6");
	}

	@Test
	void dl4jClassifiesFourPhotosInOneBatchInOrder() throws Exception {
		List<List<Prediction>> results = dl4j.classify(prepare(dl4j, PHOTOS));
		assertThat(results).extracting((top) -> top.get(0).index()).containsExactlyElementsOf(EXPECTED);
		assertThat(results.get(0).get(0).label()).isEqualTo("malamute");
		assertThat(results.get(0).get(0).score()).isGreaterThan(0.5);
	}

	@Test
	void onnxClassifiesFourPhotosInOneBatchInOrder() throws Exception {
		List<List<Prediction>> results = onnx.classify(prepare(onnx, PHOTOS));
		assertThat(results).extracting((top) -> top.get(0).index()).containsExactlyElementsOf(EXPECTED);
		assertThat(results).extracting((top) -> top.get(0).label())
			.containsExactly("malamute", "bald eagle", "chickadee", "Egyptian cat");
		assertThat(results.get(0).get(0).score()).isGreaterThan(0.5);
		assertThat(results.get(2).get(0).score()).isGreaterThan(0.9);
		for (List<Prediction> top : results) {
			assertThat(top).hasSize(5);
			assertThat(top).extracting(Prediction::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
			assertThat(top).allSatisfy((prediction) -> assertThat(prediction.score()).isBetween(0.0, 1.0));
		}
	}

	@Test
	void enginesAgreeOnTheBestClassAndRoughlyOnItsScore() throws Exception {
		List<List<Prediction>> fromDl4j = dl4j.classify(prepare(dl4j, PHOTOS));
		List<List<Prediction>> fromOnnx = onnx.classify(prepare(onnx, PHOTOS));
		for (int i = 0; i < PHOTOS.size(); i++) {
			assertThat(fromOnnx.get(i).get(0).index()).as(PHOTOS.get(i)).isEqualTo(fromDl4j.get(i).get(0).index());
			// int8 against float weights: close, not equal.
			assertThat(Math.abs(fromOnnx.get(i).get(0).score() - fromDl4j.get(i).get(0).score())).as(PHOTOS.get(i))
				.isLessThan(0.15);
		}
	}

	@Test
	void dl4jRunsTheOneDnnHelpersOnEveryReplica() {
		Dl4jRuntime.State runtime = Dl4jRuntime.state();
		assertThat(runtime).isNotNull();
		assertThat(runtime.oneDnn()).as("native build with oneDNN").isTrue();
		assertThat(runtime.helpers()).as("DL4J's oneDNN helpers allowed and supported").isTrue();
		assertThat(dl4j.replicas()).hasSize(2);
		for (Model replica : dl4j.replicas()) {
			Layer[] layers = ((ComputationGraph) replica).getLayers();
			// Plain convolutions (the depthwise ones have no oneDNN helper in DL4J). This MobileNetV2 has its batch
			// normalisation folded into the convolutions; the benchmark's ResNet50 checks the batch-norm helpers.
			List<Layer> convolutions = Arrays.stream(layers)
				.filter((layer) -> layer.getClass() == ConvolutionLayer.class)
				.toList();
			assertThat(convolutions).hasSizeGreaterThan(30)
				.allSatisfy((layer) -> assertThat(layer.getHelper()).isInstanceOf(MKLDNNConvHelper.class));
		}
	}

	@Test
	void dl4jAnswersEachOfTwoConcurrentCallers() throws Exception {
		answersEachOfTwoConcurrentCallers(dl4j);
	}

	@Test
	void onnxAnswersEachOfTwoConcurrentCallers() throws Exception {
		answersEachOfTwoConcurrentCallers(onnx);
	}

	/** Two threads classify different photos at the same time, many times: each must get its own answers. */
	private static void answersEachOfTwoConcurrentCallers(ImageClassifier classifier) throws Exception {
		List<PreparedImage> photos = prepare(classifier, PHOTOS);
		List<PreparedImage> first = List.of(photos.get(0), photos.get(1));
		List<PreparedImage> second = List.of(photos.get(2), photos.get(3), photos.get(2));
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<List<List<Integer>>> a = threads.submit(caller(classifier, first, start));
			Future<List<List<Integer>>> b = threads.submit(caller(classifier, second, start));
			start.countDown();
			assertThat(a.get(2, TimeUnit.MINUTES)).hasSize(6).containsOnly(List.of(249, 22));
			assertThat(b.get(2, TimeUnit.MINUTES)).hasSize(6).containsOnly(List.of(19, 285, 19));
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static Callable<List<List<Integer>>> caller(ImageClassifier classifier, List<PreparedImage> batch,
			CountDownLatch start) {
		return () -> {
			start.await();
			List<List<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				answers.add(classifier.classify(batch).stream().map((top) -> top.get(0).index()).toList());
			}
			return answers;
		};
	}

	private static List<PreparedImage> prepare(ImageClassifier classifier, List<String> photos) throws Exception {
		List<PreparedImage> prepared = new ArrayList<>();
		for (String photo : photos) {
			prepared.add(classifier.prepare(Fixtures.imageBytes(photo)));
		}
		return prepared;
	}

}
