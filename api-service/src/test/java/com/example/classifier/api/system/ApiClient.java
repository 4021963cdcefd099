package com.example.classifier.api.system;

import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
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

	/**
	 * The operator token of the tests that read operator data: give it to the api with
	 * {@code properties = "operator.token=" + ApiClient.OPERATOR_TOKEN} and to the client with
	 * {@link #ApiClient(int, String)}.
	 */
	public static final String OPERATOR_TOKEN = "test-operator-token-7f3c9a1e5b";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient client;

	/** A member of the public: no credentials. */
	public ApiClient(int port) {
		this(port, null);
	}

	/** An operator's program when {@code operatorToken} is given: every request carries it as a Bearer token. */
	public ApiClient(int port, String operatorToken) {
		RestClient.Builder builder = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.requestFactory(new JdkClientHttpRequestFactory());
		if (operatorToken != null) {
			builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + operatorToken);
		}
		this.client = builder.build();
	}

	public Response predict(byte[] bytes, String filename) {
		return upload("/predict", bytes, filename);
	}

	/** {@code POST /predict?model=...}: by the model named (several, comma-separated, compare). */
	public Response predict(byte[] bytes, String filename, String model) {
		return upload("/predict?model=" + model, bytes, filename);
	}

	public Response submitJob(byte[] bytes, String filename) {
		return upload("/jobs", bytes, filename);
	}

	public Response job(String id) {
		return this.client.get().uri("/jobs/{id}", id).exchange((request, response) -> toResponse(response));
	}

	private Response upload(String path, byte[] bytes, String filename) {
		MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
		form.add("file", file(bytes, filename));
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

	/** A GET whose body is returned as text whatever the status, e.g. a health probe. */
	public static String getText(String url) {
		return getText(url, null);
	}

	/** The same as an operator, e.g. a Prometheus scrape or health with details; no token when null. */
	public static String getText(String url, String operatorToken) {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.build()
			.get()
			.uri(url)
			.headers((headers) -> {
				if (operatorToken != null) {
					headers.setBearerAuth(operatorToken);
				}
			})
			.exchange((request, response) -> new String(response.getBody().readAllBytes()));
	}

	/** POSTs a JSON body, as a program would. */
	public Response postJson(String path, String json) {
		return this.client.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.exchange((request, response) -> toResponse(response));
	}

	public Response getJson(String path) {
		return this.client.get()
			.uri(path)
			.accept(MediaType.APPLICATION_JSON)
			.exchange((request, response) -> toResponse(response));
	}

	/** Any answer as text, with its headers, for pages and downloads. */
	public TextResponse get(String path) {
		return this.client.get()
			.uri(path)
			.exchange((request, response) -> new TextResponse(response.getStatusCode(), response.getHeaders(),
					new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
	}

	public RestClient restClient() {
		return this.client;
	}

	public static ByteArrayResource file(byte[] bytes, String filename) {
		return new ByteArrayResource(bytes) {
			@Override
			public String getFilename() {
				return filename;
			}
		};
	}

	/** Status and parsed JSON body of one answer. */
	public record Response(HttpStatusCode status, JsonNode body, String location) {
	}

	/** Status, headers and text body of one answer. */
	public record TextResponse(HttpStatusCode status, HttpHeaders headers, String body) {
	}

}
