package com.example.classifier.api.feedback;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A feedback request that cannot be accepted (malformed, invalid, or naming an unknown job or file). As an
 * {@link ErrorResponseException} it becomes a 400 problem detail on the JSON API; the web page shows its detail.
 */
public class InvalidFeedbackRequestException extends ErrorResponseException {

	private final List<String> problems;

	public InvalidFeedbackRequestException(String summary, List<String> problems) {
		super(HttpStatus.BAD_REQUEST, body(summary, problems), null);
		this.problems = List.copyOf(problems);
	}

	public String detail() {
		return getBody().getDetail();
	}

	public List<String> problems() {
		return this.problems;
	}

	private static ProblemDetail body(String summary, List<String> problems) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				summary + ": " + String.join("; ", problems) + ".");
		body.setProperty("errors", problems);
		return body;
	}

}
