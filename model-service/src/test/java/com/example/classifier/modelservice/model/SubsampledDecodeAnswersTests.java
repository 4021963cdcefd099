package com.example.classifier.modelservice.model;

import java.util.List;
import java.util.Map;

import com.example.classifier.common.Prediction;
import com.example.classifier.common.test.Fixtures;
import com.example.classifier.common.test.PhonePhotos;
import com.example.classifier.modelservice.image.DecodeBudget;
import com.example.classifier.modelservice.image.DecodeTarget;
import com.example.classifier.modelservice.image.DecoderChoice;
import com.example.classifier.modelservice.image.ImagePreparer;
import com.example.classifier.modelservice.image.ModelInput;
import com.example.classifier.modelservice.image.PhonePhotoBudget;
import com.example.classifier.modelservice.image.Preprocessing;
import com.example.classifier.modelservice.image.Resize;
import com.example.classifier.modelservice.image.UnreadableImageException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The real MobileNetV2 gives the same answers on subsampled decodes as on full ones: the same top-1 and top-5
 * probabilities within 0.02, on the shared photos and on their 12 MP versions ({@link PhonePhotos}), whether ImageIO
 * subsamples or the native decoder scales in the DCT.
 */
class SubsampledDecodeAnswersTests {

	private static final Logger log = LoggerFactory.getLogger(SubsampledDecodeAnswersTests.class);

	private static Dl4jImageClassifier classifier;

	private static Map<String, byte[]> photos;

	@BeforeAll
	static void loadModelAndPhotos() {
		classifier = ClassifierFactory.createDl4j(new ModelProperties(Fixtures.model(Fixtures.MOBILENETV2_H5),
				Preprocessing.TORCH, null, null, 5, "mobilenetv2"));
		photos = PhonePhotos.all(true);
	}

	@AfterAll
	static void close() {
		if (classifier != null) {
			classifier.close();
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = DecoderChoice.class, names = { "IMAGEIO", "NATIVE" })
	void cropAnswersMatchTheFullDecodeOnEveryPhotoAndItsTwelveMegapixelVersions(DecoderChoice decoder)
			throws Exception {
		// ImageIO subsamples the 12 MP JPEGs by 2 and decodes the rest whole; the native decoder reads the 12 MP JPEGs
		// at 1/8, ImageIO everything else whole (the fixture JPEGs are too small for 1/2 at twice the resize's size).
		assertSameAnswers(Resize.CROP, PhonePhotoBudget.ROOMY.with(decoder));
	}

	@Test
	void squashDecodesEveryPixel() {
		assertThat(DecodeTarget.of(Resize.SQUASH, 224, 224)).isEqualTo(DecodeTarget.FULL);
	}

	private static void assertSameAnswers(Resize resize, DecodeBudget budget) throws UnreadableImageException {
		ModelInput input = classifier.input();
		ImagePreparer full = new ImagePreparer(input, Preprocessing.TORCH, resize, DecodeTarget.FULL);
		ImagePreparer subsampled = new ImagePreparer(input, Preprocessing.TORCH, resize);
		double largest = 0;
		for (Map.Entry<String, byte[]> photo : photos.entrySet()) {
			List<List<Prediction>> answers = classifier.classify(List.of(
					full.prepare(photo.getValue(), budget.with(DecoderChoice.IMAGEIO)),
					subsampled.prepare(photo.getValue(), budget)));
			List<Prediction> whole = answers.get(0);
			List<Prediction> fewer = answers.get(1);
			assertThat(fewer.get(0).index()).as("%s top-1 (%s)", photo.getKey(), resize)
				.isEqualTo(whole.get(0).index());
			for (int rank = 0; rank < whole.size(); rank++) {
				double difference = Math.abs(fewer.get(rank).score() - whole.get(rank).score());
				largest = Math.max(largest, difference);
				assertThat(fewer.get(rank).score()).as("%s rank %d probability (%s)", photo.getKey(), rank + 1, resize)
					.isCloseTo(whole.get(rank).score(), within(0.02));
			}
		}
		log.info("{}, {}: largest top-5 probability difference, subsampled against full: {}", resize, budget.decoder(),
				largest);
	}

}
