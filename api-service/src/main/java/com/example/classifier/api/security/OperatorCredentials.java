package com.example.classifier.api.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads the operator's credential from {@code Authorization}: {@code Bearer <token>} (scrapers, scripts), or HTTP
 * Basic with the token as the password and any user name ({@code curl -u operator:<token>}, a browser's URL). A
 * request without either is anonymous, which is all the public endpoints need.
 */
final class OperatorCredentials implements AuthenticationConverter {

	private static final String BEARER = "Bearer ";

	private static final String BASIC = "Basic ";

	@Override
	public Authentication convert(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null) {
			return null;
		}
		if (header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return credential(header.substring(BEARER.length()).strip());
		}
		if (header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			String pair = decode(header.substring(BASIC.length()).strip());
			int colon = pair.indexOf(':');
			if (colon < 0) {
				throw new BadCredentialsException("Basic credentials without a password");
			}
			return credential(pair.substring(colon + 1));
		}
		// Another scheme is not meant for this service: treat the request as anonymous.
		return null;
	}

	private static Authentication credential(String token) {
		return UsernamePasswordAuthenticationToken.unauthenticated(OperatorAuthenticationProvider.PRINCIPAL, token);
	}

	private static String decode(String base64) {
		try {
			return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new BadCredentialsException("Basic credentials are not Base64");
		}
	}

}
