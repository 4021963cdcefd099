package com.example.classifier.api.feedback;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import com.example.classifier.api.system.OpenApiConfiguration;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The feedback API for programs and operators: {@code POST /feedback} with a JSON body (anyone), {@code GET /feedback}
 * (paged JSON) and {@code GET /feedback.csv} (operators only: see the security package). The web page's form post to
 * {@code /feedback} is handled by the web page.
 */
@RestController
class FeedbackController {

	private final FeedbackService feedback;

	FeedbackController(FeedbackService feedback) {
		this.feedback = feedback;
	}

	@PostMapping(path = "/feedback", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<FeedbackReceipt> report(@RequestBody FeedbackRequest request) {
		FeedbackService.Recorded recorded = this.feedback.record(request);
		return ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(new FeedbackReceipt(true, recorded.id(), !recorded.created()));
	}

	@SecurityRequirement(name = OpenApiConfiguration.OPERATOR_SCHEME)
	@GetMapping(path = "/feedback", produces = MediaType.APPLICATION_JSON_VALUE)
	FeedbackPage list(@RequestParam(required = false) String after, @RequestParam(required = false) Integer size) {
		return this.feedback.page(after, size);
	}

	@SecurityRequirement(name = OpenApiConfiguration.OPERATOR_SCHEME)
	@GetMapping("/feedback.csv")
	void export(HttpServletResponse response) throws IOException {
		response.setContentType("text/csv");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename("feedback.csv").build().toString());
		Writer writer = response.getWriter();
		FeedbackCsv csv = new FeedbackCsv(writer);
		csv.header();
		this.feedback.forEach(csv::row);
		writer.flush();
	}

}
