package com.example.classifier.api.system;

import java.util.concurrent.CompletionException;

import com.example.classifier.api.models.ModelRoutingException;
import com.example.classifier.api.predict.ApiProperties;
import com.example.classifier.api.predict.ClassificationFailedException;
import com.example.classifier.api.predict.ResponseStyle;
import com.example.classifier.api.predict.SeedResponse;
import com.example.classifier.api.queue.QueueFullException;
import com.example.classifier.api.upload.MultipartFailure;
import com.example.classifier.api.upload.UploadRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the JSON API as an RFC 9457 problem detail, with the seed-compatible {@code "success": false}. No
 * stack trace ever reaches a client.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiErrorHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

	private final MultipartFailure multipartFailure;

	private final ApiProperties api;

	ApiErrorHandler(@Value("${spring.servlet.multipart.max-file-size:10MB}") DataSize maxFileSize,
			@Value("${server.tomcat.max-part-count:10}") int maxPartCount, ObjectProvider<ApiProperties> api) {
		this.multipartFailure = new MultipartFailure(maxFileSize, maxPartCount);
		// Web slice tests of other controllers load this advice without the api properties: the default style.
		this.api = api.getIfAvailable(() -> new ApiProperties(ResponseStyle.FULL));
	}

	@ExceptionHandler(UploadRejectedException.class)
	ResponseEntity<Object> rejected(UploadRejectedException ex, WebRequest request) {
		return problem(ex.status(), ex.getMessage(), ex, request);
	}

	@ExceptionHandler(ClassificationFailedException.class)
	ResponseEntity<Object> failed(ClassificationFailedException ex, WebRequest request) {
		return problem(ex.status(), ex.getMessage(), ex, request);
	}

	@ExceptionHandler(CompletionException.class)
	ResponseEntity<Object> completion(CompletionException ex, WebRequest request) throws Exception {
		if (ex.getCause() instanceof Exception cause) {
			if (cause instanceof UploadRejectedException rejected) {
				return rejected(rejected, request);
			}
			if (cause instanceof ClassificationFailedException failed) {
				return failed(failed, request);
			}
		}
		return unexpected(ex, request);
	}

	/** A model that cannot be served: 400 or 503, with the live models to choose from. */
	@ExceptionHandler(ModelRoutingException.class)
	ResponseEntity<Object> model(ModelRoutingException ex, WebRequest request) {
		HttpHeaders headers = new HttpHeaders();
		if (ex.status() == HttpStatus.SERVICE_UNAVAILABLE) {
			headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfter().toSeconds()));
		}
		ProblemDetail body = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
		body.setProperty("liveModels", ex.liveModels());
		return handleExceptionInternal(ex, body, headers, ex.status(), request);
	}

	@ExceptionHandler(QueueFullException.class)
	ResponseEntity<Object> queueFull(QueueFullException ex, WebRequest request) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfter().toSeconds()));
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		return handleExceptionInternal(ex, body, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	@ExceptionHandler(DataAccessException.class)
	ResponseEntity<Object> redisUnavailable(DataAccessException ex, WebRequest request) {
		log.warn("Redis unavailable: {}", ex.getMessage());
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "The job queue is unavailable; please try again shortly.", ex,
				request);
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<Object> multipart(MultipartException ex, WebRequest request) {
		if (this.multipartFailure.status(ex) == HttpStatus.REQUEST_TIMEOUT) {
			// Tomcat has answered 408 and closes the connection: nothing to write, and no warning per slow client.
			log.debug("Upload too slow: {}", ex.getMessage());
			return null;
		}
		return problem(this.multipartFailure.status(ex), this.multipartFailure.message(ex), ex, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		log.error("Unexpected error", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side.", ex, request);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return problem(HttpStatus.BAD_REQUEST, "No file was sent: the multipart field 'file' is required.", ex,
				request);
	}

	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return problem(this.multipartFailure.status(ex), this.multipartFailure.message(ex), ex, request);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			if (this.api.seedStyle() && isPredict(request)) {
				// The seed's clients check the key set exactly: its error body, with the same status code.
				log.debug("Answering {} in seed style: {}", statusCode, problem.getDetail());
				HttpHeaders json = new HttpHeaders();
				json.addAll(headers);
				json.setContentType(MediaType.APPLICATION_JSON);
				return new ResponseEntity<>(SeedResponse.failure(), json, statusCode);
			}
			problem.setProperty("success", false);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static boolean isPredict(WebRequest request) {
		return request instanceof ServletWebRequest servlet
				&& "/predict".equals(servlet.getRequest().getRequestURI());
	}

	private ResponseEntity<Object> problem(HttpStatus status, String detail, Exception ex, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
		return handleExceptionInternal(ex, body, new HttpHeaders(), status, request);
	}

}
