package com.example.classifier.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class ModelMixTests {

	@Test
	void parsesSharesInTheOrderGivenAndNormalisesTheWeights() {
		ModelMix mix = ModelMix.parse(" resnet50=7 , mobilenetv2=3");
		assertThat(mix.shares()).extracting(ModelMix.Share::model).containsExactly("resnet50", "mobilenetv2");
		assertThat(mix.shares().get(0).fraction()).isCloseTo(0.7, within(1e-12));
		assertThat(mix.shares().get(1).fraction()).isCloseTo(0.3, within(1e-12));
		assertThat(ModelMix.parse("resnet50=0.7,mobilenetv2=0.3")).isEqualTo(mix);
	}

	@Test
	void aBareNameWeighsOne() {
		ModelMix mix = ModelMix.parse("resnet50,mobilenetv2,mnv2-int8=2");
		assertThat(mix.shares()).extracting(ModelMix.Share::fraction).containsExactly(0.25, 0.25, 0.5);
	}

	@Test
	void noMixMeansNoModelField() {
		assertThat(ModelMix.parse(null).isEmpty()).isTrue();
		assertThat(ModelMix.parse("  ").isEmpty()).isTrue();
		assertThat(ModelMix.NONE.pick(0.5)).isNull();
	}

	@Test
	void picksEachModelOverItsShareOfTheUnitInterval() {
		ModelMix mix = ModelMix.parse("resnet50=0.7,mobilenetv2=0.3");
		assertThat(mix.pick(0.0)).isEqualTo("resnet50");
		assertThat(mix.pick(0.6999)).isEqualTo("resnet50");
		assertThat(mix.pick(0.7)).isEqualTo("mobilenetv2");
		assertThat(mix.pick(0.9999999)).isEqualTo("mobilenetv2");
	}

	@Test
	void tenThousandSeededPicksComeOutNearTheShares() {
		ModelMix mix = ModelMix.parse("resnet50=0.7,mobilenetv2=0.3");
		Random random = new Random(18);
		Map<String, Integer> counts = new TreeMap<>();
		for (int i = 0; i < 10_000; i++) {
			counts.merge(mix.pick(random.nextDouble()), 1, Integer::sum);
		}
		// Binomial, n = 10 000, p = 0.3: standard deviation 46; 200 is over four of them.
		assertThat(counts.get("mobilenetv2")).isBetween(2_800, 3_200);
		assertThat(counts.get("resnet50")).isEqualTo(10_000 - counts.get("mobilenetv2"));
	}

	@Test
	void refusesWhatTheServicesWouldRefuseWithTheEntryNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> ModelMix.parse("ResNet50=1"))
			.withMessageContaining("'ResNet50=1'").withMessageContaining("not a model name");
		assertThatIllegalArgumentException().isThrownBy(() -> ModelMix.parse("resnet50=1,,mobilenetv2=1"))
			.withMessageContaining("not a model name");
		assertThatIllegalArgumentException().isThrownBy(() -> ModelMix.parse("resnet50=0"))
			.withMessageContaining("'resnet50=0'").withMessageContaining("above 0");
		assertThatIllegalArgumentException().isThrownBy(() -> ModelMix.parse("resnet50=-1,mobilenetv2=2"))
			.withMessageContaining("above 0");
		assertThatIllegalArgumentException().isThrownBy(() -> ModelMix.parse("resnet50=lots"))
			.withMessageContaining("not a number");
		assertThatIllegalArgumentException().isThrownBy(() -> ModelMix.parse("resnet50=1,resnet50=2"))
			.withMessageContaining("resnet50 twice");
	}

}
