package com.example.classifier.api.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's client: {@code java.net.http} with the multipart body built up front (a fixed Content-Length, as
 * curl or a browser sends it) and the answer read as one byte array. Spring's RestClient streams a multipart form in
 * chunks and hands the answer over through an input stream, which added about 3 ms per request on this machine: time
 * the client spends, not the service.
 */
final class LeanClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final URI predict;

	LeanClient(int port) {
		this.predict = URI.create("http://127.0.0.1:" + port + "/predict");
	}

	/** POST /predict with the photo as field {@code file}; returns the status and the parsed JSON answer. */
	Answer predict(byte[] jpeg) {
		String boundary = "bench-" + Long.toHexString(System.nanoTime());
		ByteArrayOutputStream body = new ByteArrayOutputStream(jpeg.length + 200);
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\""
				+ "\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		body.writeBytes(jpeg);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		HttpRequest request = HttpRequest.newBuilder(this.predict)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build();
		try {
			HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			return new Answer(response.statusCode(), JSON.readTree(response.body()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	record Answer(int status, JsonNode body) {

		boolean ok() {
			return this.status == 200;
		}

	}

}
