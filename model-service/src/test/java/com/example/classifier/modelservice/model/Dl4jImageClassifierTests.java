package com.example.classifier.modelservice.model;

import com.example.classifier.common.Prediction;
import com.example.classifier.common.test.Fixtures;
import com.example.classifier.common.test.TestPhotos;
import com.example.classifier.modelservice.image.ModelInput;
import com.example.classifier.modelservice.image.PreparedImage;
import com.example.classifier.modelservice.image.Preprocessing;
import com.example.classifier.modelservice.image.TensorLayout;
import com.example.classifier.modelservice.image.UnreadableImageException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** The real MobileNetV2 (Keras .h5, NHWC, torch preprocessing) on real photos, end to end through DL4J. */
class Dl4jImageClassifierTests {

	private static final Logger log = LoggerFactory.getLogger(Dl4jImageClassifierTests.class);

	private static Dl4jImageClassifier classifier;

	@BeforeAll
	static void loadModel() {
		// Loading takes seconds: once for the class.
		long start = System.nanoTime();
		classifier = ClassifierFactory.createDl4j(
				new ModelProperties(Fixtures.model("mobilenetv2/mobilenetv2-float.h5"), Preprocessing.TORCH, null, null, 5, "mobilenetv2"));
		log.info("Load time: {} ms", (System.nanoTime() - start) / 1_000_000);
	}

	@AfterAll
	static void close() {
		if (classifier != null) {
			classifier.close();
		}
	}

	@Test
	void readsInputShapeAndLayoutFromTheModel() {
		assertThat(classifier.input()).isEqualTo(new ModelInput(224, 224, 3, TensorLayout.NHWC));
		assertThat(classifier.classes()).isEqualTo(1000);
		assertThat(classifier.modelId()).isEqualTo("mobilenetv2-float.h5@382bf201");
	}

	@Test
	void classifiesADog() throws Exception {
		List<Prediction> top = classifier.classify(List.of(prepare("dog.jpg"))).get(0);
		assertThat(top.get(0).index()).isEqualTo(249);
		assertThat(top.get(0).label()).isEqualTo("malamute");
		assertThat(top.get(0).score()).isGreaterThan(0.5);
		assertThat(top).extracting(Prediction::index).contains(248, 250);
	}

	@Test
	void classifiesABatchInOrder() throws Exception {
		List<String> images = List.of("dog.jpg", "eagle.jpg", "bird.bmp", "cat.bmp");
		List<PreparedImage> batch = new ArrayList<>();
		for (String image : images) {
			batch.add(prepare(image));
		}
		List<List<Prediction>> results = classifier.classify(batch);
		for (int i = 0; i < results.size(); i++) {
			log.info("{}: {}", images.get(i), results.get(i).get(0));
		}
		assertThat(results).hasSize(4);
		assertThat(results).extracting((top) -> top.get(0).index()).containsExactly(249, 22, 19, 285);
		assertThat(results.get(1).get(0).score()).isGreaterThan(0.4);
		assertThat(results.get(2).get(0).score()).isGreaterThan(0.9);
		assertThat(results.get(3).get(0).score()).isGreaterThan(0.4);
		for (List<Prediction> top : results) {
			assertThat(top).hasSize(5);
			assertThat(top).extracting(Prediction::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
			assertThat(top).allSatisfy((prediction) -> assertThat(prediction.score()).isBetween(0.0, 1.0));
		}
	}

	@Test
	void aSidewaysPhotoWithExifOrientationIsClassifiedUpright() {
		// Stored a quarter turn counter-clockwise with orientation 6 ("turn clockwise to display"), as phones do.
		byte[] sideways = TestPhotos.encode(TestPhotos.quarterTurnCounterClockwise(TestPhotos.read("dog.jpg")), "jpg");
		List<Prediction> upright = classify(TestPhotos.withExifOrientation(sideways, 6, false));
		List<Prediction> asStored = classify(sideways);
		log.info("Sideways dog: with EXIF orientation {}, without {}", upright.get(0), asStored.get(0));

		assertThat(upright.get(0).index()).isEqualTo(249);
		assertThat(upright.get(0).score()).isGreaterThan(0.5);
	}

	@Test
	void batchAnswersMatchSingleAnswers() throws Exception {
		PreparedImage dog = prepare("dog.jpg");
		PreparedImage cat = prepare("cat.bmp");
		List<List<Prediction>> batch = classifier.classify(List.of(cat, dog));
		List<Prediction> single = classifier.classify(List.of(dog)).get(0);
		assertThat(batch.get(1).get(0).index()).isEqualTo(single.get(0).index());
		assertThat(batch.get(1).get(0).score()).isCloseTo(single.get(0).score(), within(1e-4));
	}

	@Test
	void emptyBatchGivesNoAnswers() {
		assertThat(classifier.classify(List.of())).isEmpty();
	}

	@Test
	void rejectsInputOfTheWrongSize() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> classifier.classify(List.of(new PreparedImage(new float[10]))))
			.withMessageContaining("takes 150528");
	}

	@Test
	void preparingIsRepeatableAndEightCopiesInOneBatchEachGetTheAnswerOfOneAlone() throws Exception {
		byte[] bytes = Files.readAllBytes(Fixtures.image("dog.jpg"));
		PreparedImage first = classifier.prepare(bytes);
		PreparedImage again = classifier.prepare(bytes);
		List<Prediction> alone = classifier.classify(List.of(first)).get(0);

		List<List<Prediction>> eight = classifier.classify(Collections.nCopies(8, again));

		assertThat(again.pixels()).isEqualTo(first.pixels());
		assertThat(eight).hasSize(8).allSatisfy((top) -> {
			assertThat(top).extracting(Prediction::index).isEqualTo(alone.stream().map(Prediction::index).toList());
			for (int i = 0; i < top.size(); i++) {
				assertThat(top.get(i).score()).isCloseTo(alone.get(i).score(), within(1e-4));
			}
		});
	}

	private static List<Prediction> classify(byte[] image) {
		try {
			return classifier.classify(List.of(classifier.prepare(image))).get(0);
		}
		catch (UnreadableImageException ex) {
			throw new AssertionError(ex);
		}
	}

	private static PreparedImage prepare(String image) throws IOException, UnreadableImageException {
		return classifier.prepare(Files.readAllBytes(Fixtures.image(image)));
	}

}
