package com.example.classifier.api.upload;

import java.net.SocketTimeoutException;

import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Says what went wrong with a multipart body the container refused to parse, in words the sender can act on. Spring
 * reports Tomcat's part-count limit as "maximum upload size exceeded" and a NUL in a file name as a parse failure;
 * both would send people looking in the wrong place.
 */
public class MultipartFailure {

	private final DataSize maxFileSize;

	private final int maxPartCount;

	public MultipartFailure(DataSize maxFileSize, int maxPartCount) {
		this.maxFileSize = maxFileSize;
		this.maxPartCount = maxPartCount;
	}

	public HttpStatus status(MultipartException ex) {
		if (causedBy(ex, SocketTimeoutException.class)) {
			return HttpStatus.REQUEST_TIMEOUT;
		}
		if (causedBy(ex, InvalidFileNameException.class)) {
			return HttpStatus.BAD_REQUEST;
		}
		return causedBy(ex, FileCountLimitExceededException.class) || isSizeLimit(ex) ? HttpStatus.CONTENT_TOO_LARGE
				: HttpStatus.BAD_REQUEST;
	}

	public String message(MultipartException ex) {
		if (causedBy(ex, SocketTimeoutException.class)) {
			// Tomcat has answered 408 already (and closes the connection); this is what the log and tests see.
			return "The upload was too slow: it paused for longer than allowed, or took longer than allowed in all.";
		}
		if (causedBy(ex, InvalidFileNameException.class)) {
			return "The file name contains a character that is not allowed (such as NUL); rename the file and send"
					+ " it again.";
		}
		if (causedBy(ex, FileCountLimitExceededException.class)) {
			return "The request has too many parts; at most %d are accepted, and one named 'file' is all it needs."
				.formatted(this.maxPartCount);
		}
		if (isSizeLimit(ex)) {
			return "The file is too large; at most %s are accepted.".formatted(this.maxFileSize);
		}
		return "The upload is not a valid multipart request.";
	}

	private static boolean isSizeLimit(MultipartException ex) {
		return ex instanceof MaxUploadSizeExceededException;
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
