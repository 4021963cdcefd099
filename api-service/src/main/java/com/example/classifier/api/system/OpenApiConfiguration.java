package com.example.classifier.api.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at {@code /v3/api-docs} and rendered by Swagger UI at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

	/** Name of the operator token's security scheme in the OpenAPI description. */
	public static final String OPERATOR_SCHEME = "operator";

	@Bean
	OpenAPI classifierOpenApi() {
		return new OpenAPI().info(new Info().title("Image classifier API")
			.version("v1")
			.description("""
					Upload a photo, get the ImageNet classes a CNN sees in it. `POST /predict` waits for the answer; \
					`POST /jobs` + `GET /jobs/{id}` do the same without holding a connection. Both take an optional \
					`model` (query parameter or form field; none = the default model): `GET /models` lists the \
					models, live or down, with engine, input size, labels, live workers, queue depth and images/s; \
					`POST /predict?model=a,b` compares models side by side. An unknown model gets 400, a model with \
					no live worker 503, both listing the live models (`liveModels`). Errors are RFC 9457 \
					problem details (`application/problem+json`) that keep the seed-compatible `"success": false`. \
					Status codes: 400 missing/empty/not an image, 413 too large, 415 unsupported format, 422 damaged \
					or too many pixels, 503 busy (with `Retry-After`) or queue unavailable, 504 no answer in time.""")
			.license(new License().name("Apache-2.0")))
			// Reading the feedback is for operators (docs/security.md); the operations that need it name this scheme.
			.components(new Components().addSecuritySchemes(OPERATOR_SCHEME, new SecurityScheme()
				.type(SecurityScheme.Type.HTTP)
				.scheme("bearer")
				.description("The operator token (operator.token / OPERATOR_TOKEN); without it configured, the "
						+ "operator endpoints answer 404.")));
	}

}
