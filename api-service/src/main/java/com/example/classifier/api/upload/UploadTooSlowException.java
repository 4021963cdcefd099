package com.example.classifier.api.upload;

import java.net.SocketTimeoutException;

/**
 * An upload's body took longer than {@code upload.body-timeout}, or stalled while another upload needed its place in
 * the queue. A {@link SocketTimeoutException}, so Tomcat answers it as it answers its own read timeout: 408, and the
 * connection is closed (the rest of the body is not read).
 */
class UploadTooSlowException extends SocketTimeoutException {

	UploadTooSlowException(String message) {
		super(message);
	}

}
