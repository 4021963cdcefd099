package com.example.classifier.api.web;

import java.util.Map;
import java.util.concurrent.CompletionException;

import com.example.classifier.api.feedback.InvalidFeedbackRequestException;
import com.example.classifier.api.models.ModelRoutingException;
import com.example.classifier.api.predict.ClassificationFailedException;
import com.example.classifier.api.queue.QueueFullException;
import com.example.classifier.api.upload.UploadRejectedException;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The web page's errors, shown on the page with the right status and a message meant for a person. Scoped to
 * {@link WebController} and ordered before the JSON API's handler, which keeps answering everything else with
 * problem details.
 */
@ControllerAdvice(assignableTypes = WebController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebErrorHandler {

	private static final Logger log = LoggerFactory.getLogger(WebErrorHandler.class);

	private final String maxFileSize;

	WebErrorHandler(@Value("${spring.servlet.multipart.max-file-size:10MB}") DataSize maxFileSize) {
		this.maxFileSize = readable(maxFileSize);
	}

	/**
	 * No photo chosen: back to the form (post/redirect/get) with a message, as the seed did. The message rides in the
	 * query string: a flash attribute would need a session, and this service keeps none.
	 */
	@ExceptionHandler(MissingServletRequestPartException.class)
	String noPhoto() {
		return WebController.REDIRECT_NO_PHOTO;
	}

	@ExceptionHandler(UploadRejectedException.class)
	ModelAndView rejected(UploadRejectedException ex) {
		return page(ex.status(), "That file cannot be classified", ex.getMessage());
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ModelAndView tooLarge() {
		return page(HttpStatus.CONTENT_TOO_LARGE, "That photo is too large",
				"Photos of at most %s are accepted; please choose a smaller one.".formatted(this.maxFileSize));
	}

	@ExceptionHandler(MultipartException.class)
	ModelAndView brokenUpload() {
		return page(HttpStatus.BAD_REQUEST, "The upload did not arrive complete", "Please try again.");
	}

	@ExceptionHandler(ClassificationFailedException.class)
	ModelAndView failed(ClassificationFailedException ex) {
		String title = switch (ex.status()) {
			case SERVICE_UNAVAILABLE -> "The classifier is busy";
			case GATEWAY_TIMEOUT -> "No answer in time";
			default -> "That photo could not be classified";
		};
		return page(ex.status(), title, ex.getMessage());
	}

	@ExceptionHandler(ModelRoutingException.class)
	ModelAndView model(ModelRoutingException ex, HttpServletResponse response) {
		if (ex.status() == HttpStatus.SERVICE_UNAVAILABLE) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfter().toSeconds()));
			return page(ex.status(), "That model is down", ex.getMessage());
		}
		return page(ex.status(), "No such model", ex.getMessage());
	}

	@ExceptionHandler(QueueFullException.class)
	ModelAndView queueFull(QueueFullException ex, HttpServletResponse response) {
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfter().toSeconds()));
		return page(HttpStatus.SERVICE_UNAVAILABLE, "The classifier is busy", ex.getMessage());
	}

	@ExceptionHandler(DataAccessException.class)
	ModelAndView unavailable(DataAccessException ex) {
		log.warn("Redis unavailable: {}", ex.getMessage());
		return page(HttpStatus.SERVICE_UNAVAILABLE, "The classifier is busy",
				"The service cannot reach its queue right now; please try again shortly.");
	}

	@ExceptionHandler(InvalidFeedbackRequestException.class)
	ModelAndView invalidReport(InvalidFeedbackRequestException ex) {
		return page(HttpStatus.BAD_REQUEST, "The report could not be saved", ex.detail());
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ModelAndView missingReport() {
		return page(HttpStatus.BAD_REQUEST, "The report could not be saved",
				"The report was empty; please classify a photo and use its report button.");
	}

	@ExceptionHandler(CompletionException.class)
	ModelAndView completion(CompletionException ex) {
		if (ex.getCause() instanceof ClassificationFailedException failed) {
			return failed(failed);
		}
		if (ex.getCause() instanceof UploadRejectedException rejected) {
			return rejected(rejected);
		}
		return unexpected(ex);
	}

	@ExceptionHandler(Exception.class)
	ModelAndView unexpected(Exception ex) {
		if (ex instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
			return page(response.getStatusCode(), "That request cannot be answered",
					"Please use the form on this page.");
		}
		log.error("Unexpected error on the web page", ex);
		return page(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side",
				"Please try again in a moment.");
	}

	private static String readable(DataSize size) {
		long bytes = size.toBytes();
		if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
			return size.toMegabytes() + " MB";
		}
		return (bytes >= 1024 && bytes % 1024 == 0) ? size.toKilobytes() + " KB" : bytes + " bytes";
	}

	private static ModelAndView page(HttpStatusCode status, String title, String message) {
		return new ModelAndView(WebController.PAGE, Map.of("errorTitle", title, "error", message), status);
	}

}
