package com.example.classifier.api.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the credential and checking it against the configured token, without a server. */
class OperatorCredentialsTests {

	private static final String TOKEN = "0123456789abcdef-operator";

	private final OperatorCredentials credentials = new OperatorCredentials();

	private final OperatorAuthenticationProvider provider = new OperatorAuthenticationProvider(
			new OperatorProperties(TOKEN));

	@Test
	void theRightBearerTokenAuthenticatesAsTheOperatorRole() {
		Authentication authenticated = this.provider.authenticate(read("Bearer " + TOKEN));
		assertThat(authenticated.isAuthenticated()).isTrue();
		assertThat(authenticated.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_OPERATOR");
		assertThat(authenticated.getCredentials()).as("the token is not kept").isNull();
	}

	@Test
	void theSchemeIsCaseInsensitiveAndBasicCarriesTheTokenAsItsPassword() {
		assertThat(this.provider.authenticate(read("bearer " + TOKEN)).isAuthenticated()).isTrue();
		String basic = Base64.getEncoder().encodeToString(("x:" + TOKEN).getBytes(StandardCharsets.UTF_8));
		assertThat(this.provider.authenticate(read("Basic " + basic)).isAuthenticated()).isTrue();
	}

	@Test
	void nearMissesAreRefused() {
		for (String candidate : new String[] { TOKEN + " x", TOKEN.substring(0, TOKEN.length() - 1), TOKEN + "0",
				TOKEN.toUpperCase(), "" }) {
			assertThatThrownBy(() -> this.provider.authenticate(read("Bearer " + candidate)))
				.as(candidate)
				.isInstanceOf(BadCredentialsException.class);
		}
	}

	@Test
	void otherSchemesAndNoHeaderAreAnonymousWhileBrokenBasicIsRefused() {
		assertThat(read(null)).isNull();
		assertThat(read("Negotiate abc")).isNull();
		assertThatThrownBy(() -> read("Basic ***")).isInstanceOf(BadCredentialsException.class);
		String noColon = Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
		assertThatThrownBy(() -> read("Basic " + noColon)).isInstanceOf(BadCredentialsException.class);
	}

	@Test
	void aShortTokenIsRefusedAtStartUpAndABlankOneMeansOff() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OperatorProperties("short-token"))
			.withMessageContaining("at least 16");
		assertThat(new OperatorProperties("   ").enabled()).isFalse();
		assertThat(new OperatorProperties(null).enabled()).isFalse();
		assertThat(new OperatorProperties(TOKEN)).hasToString("OperatorProperties[token=(set)]");
		assertThatThrownBy(() -> new OperatorAuthenticationProvider(new OperatorProperties(null))
			.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("operator", "")))
			.isInstanceOf(BadCredentialsException.class);
	}

	private Authentication read(String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		if (authorization != null) {
			request.addHeader(HttpHeaders.AUTHORIZATION, authorization);
		}
		return this.credentials.convert(request);
	}

}
