package com.example.classifier.api.system;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of the running api-service, as a user's program would be. */
public final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient client;

	public ApiClient(int port) {
		this.client = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.requestFactory(new JdkClientHttpRequestFactory())
			.build();
	}

	public Response predict(byte[] bytes, String filename) {
		return upload("/predict", bytes, filename);
	}

	public Response submitJob(byte[] bytes, String filename) {
		return upload("/jobs", bytes, filename);
	}

	public Response job(String id) {
		return this.client.get().uri("/jobs/{id}", id).exchange((request, response) -> toResponse(response));
	}

	private Response upload(String path, byte[] bytes, String filename) {
		MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
		form.add("file", new ByteArrayResource(bytes) {
			@Override
			public String getFilename() {
				return filename;
			}
		});
		return this.client.post()
			.uri(path)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(form)
			.exchange((request, response) -> toResponse(response));
	}

	private static Response toResponse(org.springframework.http.client.ClientHttpResponse response)
			throws java.io.IOException {
		java.net.URI location = response.getHeaders().getLocation();
		return new Response(response.getStatusCode(), JSON.readTree(response.getBody().readAllBytes()),
				(location != null) ? location.toString() : null);
	}

	/** A GET whose body is returned as text whatever the status, e.g. a Prometheus scrape or a health probe. */
	public static String getText(String url) {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.build()
			.get()
			.uri(url)
			.exchange((request, response) -> new String(response.getBody().readAllBytes()));
	}

	/** Status and parsed JSON body of one answer. */
	public record Response(HttpStatusCode status, JsonNode body, String location) {
	}

}
