package com.example.classifier.modelservice.image;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import com.example.classifier.common.image.ImageLimits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How large an image the worker decodes, and for how long. The worker holds every job to the same
 * {@link ImageLimits} as the api's inspection (application.yml reads the api's {@code UPLOAD_MAX_SIZE} and
 * {@code UPLOAD_MAX_PIXELS}), so a job queued past the api, or by an api configured otherwise, gets a clear failed
 * answer instead of a decoder's OutOfMemoryError.
 *
 * @param maxBytes largest image accepted
 * @param maxPixels largest width × height accepted; bounds the decoded bytes and a JPEG's scans too
 * @param decodeTimeout longest a reader may decode one image; past it the reader is aborted between rows (or tiles) and
 * the job gets a failed answer. A backstop for what the limits do not foresee: within them the slowest decodes
 * measured were 5.3–8.7 s (a 40 MP LZW TIFF, 2 shared cores at load 19; docs/reliability.md), a 40 MP JPEG took
 * 0.8–1.2 s and the shared photos 10–20 ms
 * @param decoder which decoder reads a JPEG that needs only part of its pixels
 */
@Validated
@ConfigurationProperties("image")
public record DecodeBudget(@DefaultValue("10MB") @NotNull DataSize maxBytes,
		@DefaultValue("40000000") @Positive long maxPixels, @DefaultValue("20s") @NotNull Duration decodeTimeout,
		@DefaultValue("auto") @NotNull DecoderChoice decoder) {

	/** The defaults, as bound when nothing is set. */
	public static final DecodeBudget DEFAULT = new DecodeBudget(DataSize.ofBytes(ImageLimits.DEFAULT.maxBytes()),
			ImageLimits.DEFAULT.maxPixels(), Duration.ofSeconds(20));

	/** What configuration binds (the record has a second constructor). */
	@ConstructorBinding
	public DecodeBudget {
	}

	/** These limits, with the decoder {@link DecoderChoice#AUTO} picks. */
	public DecodeBudget(DataSize maxBytes, long maxPixels, Duration decodeTimeout) {
		this(maxBytes, maxPixels, decodeTimeout, DecoderChoice.AUTO);
	}

	/** The same limits, read by {@code decoder}. */
	public DecodeBudget with(DecoderChoice decoder) {
		return new DecodeBudget(this.maxBytes, this.maxPixels, this.decodeTimeout, decoder);
	}

	public ImageLimits limits() {
		return new ImageLimits(this.maxBytes.toBytes(), this.maxPixels);
	}

}
