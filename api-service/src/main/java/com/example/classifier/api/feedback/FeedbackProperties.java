package com.example.classifier.api.feedback;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How feedback is read back.
 *
 * @param defaultPageSize reports per page of {@code GET /feedback} when the caller gives no {@code size}
 * @param maxPageSize largest page a caller may ask for; larger requests get this many, so one call cannot make the
 * service hold the whole stream in memory
 * @param maxEntries most reports kept in the Redis stream; the oldest beyond it are removed with their "seen"
 * markers (490 bytes of Redis memory per report with its marker, measured on Redis 7.0: 100 000 take 49 MB)
 */
@Validated
@ConfigurationProperties("feedback")
public record FeedbackProperties(@DefaultValue("50") @Min(1) int defaultPageSize,
		@DefaultValue("500") @Min(1) @Max(10_000) int maxPageSize,
		@DefaultValue("100000") @Min(1) long maxEntries) {

	@AssertTrue(message = "feedback.default-page-size must not exceed feedback.max-page-size")
	boolean isDefaultWithinMax() {
		return this.defaultPageSize <= this.maxPageSize;
	}

}
