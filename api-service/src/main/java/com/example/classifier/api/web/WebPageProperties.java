package com.example.classifier.api.web;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The web page and what every response tells browsers.
 *
 * @param displayMaxAge how long browsers may cache {@code /display/{name}}; the name is the content's hash, so the
 * bytes behind a name never change and a long cache is safe
 * @param contentSecurityPolicy the {@code Content-Security-Policy} header of every response; the page's own script
 * and style are external files, so no {@code 'unsafe-inline'} is needed; {@code blob:} images are the upload preview
 */
@Validated
@ConfigurationProperties("web")
public record WebPageProperties(@DefaultValue("365d") @NotNull Duration displayMaxAge,
		@DefaultValue("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
				+ "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		@NotBlank String contentSecurityPolicy) {
}
