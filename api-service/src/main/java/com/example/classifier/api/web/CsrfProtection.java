package com.example.classifier.api.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * CSRF protection for the web page's form posts ({@code POST /} and the form {@code POST /feedback}): a double-submit
 * token. Pages of {@link WebController} carry a random token in a hidden field {@code _csrf} and in an HttpOnly,
 * SameSite=Strict cookie; a form post is accepted only when both agree. Another site can neither read the cookie nor
 * set it, so it cannot forge a matching post.
 * <p>
 * Why not Spring Security: the service has no users or logins, so its filter chain would be there only for this; and
 * its CSRF filter reads the token before Spring MVC parses the multipart body, so an oversized photo would be answered
 * 403 instead of the page's clear 413 message. Here the token is read inside the handler chain, where the page's error
 * handler answers a size error. Why a cookie rather than a session: it needs no server state, so any number of api
 * instances can serve the page.
 * <p>
 * The JSON API is not covered and needs no token: nothing there acts on a user's cookies, and a browser cannot send a
 * cross-site {@code application/json} body without a CORS preflight, which this service never approves.
 */
@Component
class CsrfProtection implements HandlerInterceptor {

	static final String COOKIE = "csrf";

	static final String PARAMETER = "_csrf";

	/** Request attribute the page templates read the token from. */
	static final String ATTRIBUTE = "csrfToken";

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

	private final SecureRandom random = new SecureRandom();

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getDispatcherType() != DispatcherType.REQUEST || !(handler instanceof HandlerMethod method)
				|| !WebController.class.isAssignableFrom(method.getBeanType())) {
			return true;
		}
		String sent = cookieToken(request);
		String token = (sent != null) ? sent : issue(request, response);
		// Set first, so even the page that rejects this post offers a fresh, working form.
		request.setAttribute(ATTRIBUTE, token);
		if (request instanceof MultipartHttpServletRequest multipart) {
			// Parse the body through Spring before reading the token, so an oversized photo surfaces as a
			// MaxUploadSizeExceededException (the page's 413 message) rather than as the container's own error.
			multipart.getFileMap();
		}
		if (!isSafe(request.getMethod()) && (sent == null || !matches(sent, request.getParameter(PARAMETER)))) {
			throw new CsrfRejectedException();
		}
		return true;
	}

	private String issue(HttpServletRequest request, HttpServletResponse response) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, token)
			.httpOnly(true)
			.sameSite("Strict")
			.secure(request.isSecure())
			.path("/")
			.build()
			.toString());
		return token;
	}

	private static boolean isSafe(String method) {
		return HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method);
	}

	private static boolean matches(String expected, String actual) {
		return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				actual.getBytes(StandardCharsets.US_ASCII));
	}

	private static String cookieToken(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (COOKIE.equals(cookie.getName()) && TOKEN.matcher(cookie.getValue()).matches()) {
				return cookie.getValue();
			}
		}
		return null;
	}

}
