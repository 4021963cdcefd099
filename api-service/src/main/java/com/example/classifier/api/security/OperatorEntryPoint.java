package com.example.classifier.api.security;

import java.io.IOException;

import com.example.classifier.api.system.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * What a request for operator data gets without a valid token: a JSON 401, never a login page or redirect. The
 * challenge names the Bearer scheme only, so a browser shows no password dialog (it does so for Basic). With no
 * {@code operator.token} configured the endpoints are off and answer 404, as if they did not exist.
 */
final class OperatorEntryPoint implements AuthenticationEntryPoint {

	private final boolean enabled;

	OperatorEntryPoint(boolean enabled) {
		this.enabled = enabled;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (!this.enabled) {
			ProblemResponses.write(request, response, HttpStatus.NOT_FOUND, "No such resource.");
			return;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"operator\"");
		ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED,
				"This endpoint is for operators: send the operator token as 'Authorization: Bearer <token>'.");
	}

}
