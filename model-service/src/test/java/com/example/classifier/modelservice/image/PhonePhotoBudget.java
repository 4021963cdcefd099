package com.example.classifier.modelservice.image;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/** The decode budget for {@code PhonePhotos} (common's test-jar), whose 12 MP PNGs are larger than the default's. */
public final class PhonePhotoBudget {

	/** The default budget with room for the 12 MP PNGs (10–20 MB; the default refuses files over 10 MB). */
	public static final DecodeBudget ROOMY = new DecodeBudget(DataSize.ofMegabytes(64), DecodeBudget.DEFAULT.maxPixels(),
			Duration.ofSeconds(20));

	private PhonePhotoBudget() {
	}

}
