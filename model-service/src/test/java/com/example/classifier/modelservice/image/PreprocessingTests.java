package com.example.classifier.modelservice.image;


import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PreprocessingTests {

	/** Two pixels: (R 255, G 128, B 0) and (R 10, G 20, B 30). */
	private static final int[] PIXELS = { 0xFF8000, 0x0A141E };

	@Test
	void caffeIsBgrMinusTheImageNetMeanChannelsFirst() {
		float[] out = Preprocessing.CAFFE.toTensor(PIXELS, TensorLayout.NCHW);
		assertValues(out, 0 - 103.939, 30 - 103.939, 128 - 116.779, 20 - 116.779, 255 - 123.68, 10 - 123.68);
	}

	@Test
	void caffeIsBgrMinusTheImageNetMeanChannelsLast() {
		float[] out = Preprocessing.CAFFE.toTensor(PIXELS, TensorLayout.NHWC);
		assertValues(out, 0 - 103.939, 128 - 116.779, 255 - 123.68, 30 - 103.939, 20 - 116.779, 10 - 123.68);
	}

	@Test
	void torchIsRgbScaledAndStandardisedChannelsFirst() {
		float[] out = Preprocessing.TORCH.toTensor(PIXELS, TensorLayout.NCHW);
		assertValues(out, torch(255, 0), torch(10, 0), torch(128, 1), torch(20, 1), torch(0, 2), torch(30, 2));
	}

	@Test
	void torchIsRgbScaledAndStandardisedChannelsLast() {
		float[] out = Preprocessing.TORCH.toTensor(PIXELS, TensorLayout.NHWC);
		assertValues(out, torch(255, 0), torch(128, 1), torch(0, 2), torch(10, 0), torch(20, 1), torch(30, 2));
		assertThat(out[0]).isCloseTo(2.2489f, within(1e-4f));
	}

	@Test
	void tfIsRgbScaledToMinusOneToOne() {
		assertValues(Preprocessing.TF.toTensor(PIXELS, TensorLayout.NCHW), 1, tf(10), tf(128), tf(20), -1, tf(30));
		assertValues(Preprocessing.TF.toTensor(PIXELS, TensorLayout.NHWC), 1, tf(128), -1, tf(10), tf(20), tf(30));
	}

	@Test
	void onlyCaffeIsBgr() {
		assertThat(Preprocessing.CAFFE.bgr()).isTrue();
		assertThat(Preprocessing.TORCH.bgr()).isFalse();
		assertThat(Preprocessing.TF.bgr()).isFalse();
	}

	private static double torch(int level, int channel) {
		double[] mean = { 0.485, 0.456, 0.406 };
		double[] std = { 0.229, 0.224, 0.225 };
		return (level / 255.0 - mean[channel]) / std[channel];
	}

	private static double tf(int level) {
		return level / 127.5 - 1;
	}

	private static void assertValues(float[] actual, double... expected) {
		assertThat(actual).hasSize(expected.length);
		for (int i = 0; i < expected.length; i++) {
			assertThat((double) actual[i]).as("value %d", i).isCloseTo(expected[i], within(1e-4));
		}
	}

}
