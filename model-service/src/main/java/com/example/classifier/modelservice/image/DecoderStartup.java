package com.example.classifier.modelservice.image;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Says once, as the worker starts, which decoder reads its JPEGs, and loads the native one then rather than on the
 * first job. {@code image.decoder=native} without a native library that loads stops the start.
 */
@Component
class DecoderStartup {

	private static final Logger log = LoggerFactory.getLogger(DecoderStartup.class);

	DecoderStartup(DecodeBudget budget) {
		DecoderChoice choice = budget.decoder();
		if (choice == DecoderChoice.IMAGEIO) {
			log.info("JPEG decoder: ImageIO with source subsampling (image.decoder=imageio)");
		}
		else if (NativeJpeg.available()) {
			log.info("JPEG decoder: native, OpenCV 4.5.5 / libjpeg-turbo at 1/2-1/8 scale in the DCT (image.decoder={});"
					+ " ImageIO for whole decodes, other formats and the JPEGs it leaves out", choice.name().toLowerCase(Locale.ROOT));
		}
		else if (choice == DecoderChoice.NATIVE) {
			throw new IllegalStateException("image.decoder=native, but the native JPEG decoder did not load: "
					+ NativeJpeg.failure(), NativeJpeg.failure());
		}
		else {
			log.warn("JPEG decoder: ImageIO; the native decoder did not load ({}). Set image.decoder=imageio to "
					+ "choose it and silence this", NativeJpeg.failure().toString());
		}
	}

}
