package com.example.classifier.api.security;

import com.example.classifier.api.web.WebPageProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may call what. The service has no users: everything a member of the public does (the page, {@code /predict},
 * {@code /jobs}, reporting a wrong answer, the photo behind a result, the API docs, health status) stays open, and
 * only operator data needs the token of {@link OperatorProperties}: the feedback reports ({@code GET /feedback},
 * {@code /feedback.csv}), every actuator endpoint but health, and health's details (see application.yml,
 * {@code management.endpoint.health.show-details: when-authorized}).
 * <p>
 * Public by default, operator endpoints listed: a new public route then needs no change here, and the list of what
 * is protected is short enough to read at a glance. Public so that MVC slice tests in other packages can import it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperatorProperties.class)
public class SecurityConfiguration {

	private static final String ROLE = OperatorAuthenticationProvider.ROLE;

	/** As a bean, it also stops Spring Boot from creating its default user with a generated password. */
	@Bean
	OperatorAuthenticationProvider operatorAuthenticationProvider(OperatorProperties operator) {
		return new OperatorAuthenticationProvider(operator);
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, OperatorProperties operator,
			OperatorAuthenticationProvider provider, WebPageProperties web) throws Exception {
		OperatorEntryPoint entryPoint = new OperatorEntryPoint(operator.enabled());
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers(HttpMethod.POST, "/feedback").permitAll()
			// Any other method, HEAD included (Spring MVC answers it with the GET handler).
			.requestMatchers("/feedback", "/feedback.csv").hasRole(ROLE)
			.requestMatchers(EndpointRequest.to("health")).permitAll()
			.requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(ROLE)
			.anyRequest().permitAll());
		// Stateless: the only identity is the token on each request. No session, cookie, saved request, login form,
		// default login page, logout page or Basic challenge (the browser password dialog).
		http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint));
		// No CSRF tokens: CSRF abuses the credentials a browser adds by itself (cookies, a session, Basic auth it
		// remembered). This service sets no cookie and keeps no session, and the operator token is sent only by
		// programs that put it in a header. A forged cross-site post can therefore do nothing that the attacker could
		// not do with a direct request of their own: classify a photo or report a wrong answer.
		http.csrf(AbstractHttpConfigurer::disable);
		http.headers((headers) -> headers
			.contentSecurityPolicy((csp) -> csp.policyDirectives(web.contentSecurityPolicy()))
			// For browsers that predate CSP's frame-ancestors: no framing (clickjacking of the report button).
			.frameOptions((frame) -> frame.deny())
			// nosniff (on by default): an upload served by /display must never run as HTML or script.
			.contentTypeOptions((options) -> { })
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
			.permissionsPolicyHeader((permissions) -> permissions.policy("camera=(), microphone=(), geolocation=()")));
		if (operator.enabled()) {
			http.addFilterAt(operatorAuthentication(provider, entryPoint), BasicAuthenticationFilter.class);
		}
		return http.build();
	}

	/**
	 * Authenticates a request that carries a credential; one without goes on anonymous. A wrong credential is answered
	 * 401 at once, on any path: a scraper with a stale token should hear so rather than get less than it asked for.
	 */
	private static AuthenticationFilter operatorAuthentication(OperatorAuthenticationProvider provider,
			OperatorEntryPoint entryPoint) {
		AuthenticationFilter filter = new AuthenticationFilter(new ProviderManager(provider),
				new OperatorCredentials());
		// Continue down the chain (the default handler would redirect, as after a form login).
		filter.setSuccessHandler((request, response, authentication) -> {
		});
		filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(entryPoint));
		return filter;
	}

}
