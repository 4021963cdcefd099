package com.example.classifier.api.predict;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the JSON API answers.
 *
 * @param responseStyle {@code full} (default) or {@code seed} (env {@code API_RESPONSE_STYLE})
 */
@ConfigurationProperties("api")
public record ApiProperties(@DefaultValue("full") ResponseStyle responseStyle) {

	public ApiProperties {
		responseStyle = (responseStyle != null) ? responseStyle : ResponseStyle.FULL;
	}

	public boolean seedStyle() {
		return this.responseStyle == ResponseStyle.SEED;
	}

}
