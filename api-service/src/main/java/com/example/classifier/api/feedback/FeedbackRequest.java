package com.example.classifier.api.feedback;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A report that a classification was wrong: the JSON body of {@code POST /feedback}, and what the web page's
 * {@code report} form field carries. It names the classification by job id, stored file name, or both.
 *
 * @param jobId id returned by {@code POST /predict}
 * @param filename stored upload name returned by {@code POST /predict} ({@code <sha256>.<ext>})
 * @param prediction the label the service answered
 * @param score the score it answered, 0..1
 * @param correctLabel what the photo really shows, if the reporter knows
 */
public record FeedbackRequest(
		@Pattern(regexp = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
				message = "must be a job id as returned by POST /predict") String jobId,
		@Pattern(regexp = "[0-9a-f]{64}\\.[a-z]{3,4}",
				message = "must be a stored file name as returned by POST /predict") String filename,
		@NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*",
				message = "must not contain control characters") String prediction,
		@NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double score,
		@Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*",
				message = "must not contain control characters") String correctLabel) {

	public FeedbackRequest {
		jobId = blankToNull(jobId);
		filename = blankToNull(filename);
		prediction = (prediction != null) ? prediction.strip() : null;
		correctLabel = blankToNull(correctLabel);
	}

	FeedbackRequest withCorrectLabel(String label) {
		return new FeedbackRequest(this.jobId, this.filename, this.prediction, this.score, label);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
