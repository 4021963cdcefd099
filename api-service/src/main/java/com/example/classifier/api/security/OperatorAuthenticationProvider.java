package com.example.classifier.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Checks a presented credential against {@code operator.token}. Both are hashed first and the digests compared with
 * {@link MessageDigest#isEqual}: the comparison takes the same time however many leading characters are right, and
 * the token's length does not show either.
 */
final class OperatorAuthenticationProvider implements AuthenticationProvider {

	static final String ROLE = "OPERATOR";

	static final String PRINCIPAL = "operator";

	private final byte[] expected;

	OperatorAuthenticationProvider(OperatorProperties properties) {
		this.expected = properties.enabled() ? sha256(properties.token()) : null;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Object credentials = authentication.getCredentials();
		if (this.expected == null || credentials == null
				|| !MessageDigest.isEqual(this.expected, sha256(credentials.toString()))) {
			throw new BadCredentialsException("The operator token is missing or wrong");
		}
		return UsernamePasswordAuthenticationToken.authenticated(PRINCIPAL, null,
				AuthorityUtils.createAuthorityList("ROLE_" + ROLE));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
