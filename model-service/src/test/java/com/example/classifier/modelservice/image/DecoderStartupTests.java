package com.example.classifier.modelservice.image;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code image.decoder} binds by name, defaults to auto, and the worker starts with the decoder it names. */
class DecoderStartupTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(ImageSettings.class);

	@Test
	void theDecoderIsAutoUnlessSetAndEachChoiceStarts() {
		this.runner.run((context) -> assertThat(context.getBean(DecodeBudget.class).decoder())
			.isEqualTo(DecoderChoice.AUTO));
		for (String choice : new String[] { "native", "imageio", "NATIVE" }) {
			this.runner.withPropertyValues("image.decoder=" + choice).run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(DecodeBudget.class).decoder().name()).isEqualToIgnoringCase(choice);
			});
		}
	}

	@Test
	void anUnknownDecoderStopsTheStart() {
		this.runner.withPropertyValues("image.decoder=libjpeg")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("image.decoder"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DecodeBudget.class)
	@Import(DecoderStartup.class)
	static class ImageSettings {

	}

}
