package com.example.classifier.api.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Browser hardening headers on every response, the JSON API's included: a strict Content-Security-Policy, no MIME
 * sniffing (an upload must never be run as HTML or script), no framing (clickjacking of the report button), and no
 * full URL in the Referer of outgoing links.
 */
@Component
class SecurityHeadersFilter extends OncePerRequestFilter {

	private final String contentSecurityPolicy;

	SecurityHeadersFilter(WebPageProperties properties) {
		this.contentSecurityPolicy = properties.contentSecurityPolicy();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("Content-Security-Policy", this.contentSecurityPolicy);
		response.setHeader("X-Content-Type-Options", "nosniff");
		// For browsers that predate CSP's frame-ancestors.
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "same-origin");
		response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
		chain.doFilter(request, response);
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
