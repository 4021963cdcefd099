package com.example.classifier.api.reliability;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bare HTTP/1.1 client that writes multipart bodies byte by byte, so tests can send what a well-behaved client
 * library never would: file names with NUL or {@code ../}, thousands of parts, a streamed 100 MB body. It keeps no
 * connection between requests beyond what the JDK client pools, and measures each exchange. The end-to-end benchmark
 * uses it too: the body goes out in one piece with a fixed length, as curl or a browser sends it.
 */
public final class RawHttp {

	static final String BOUNDARY = "reliability-boundary-7MA4YWxkTrZu0gW";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client;

	private final URI predict;

	public RawHttp(int port) {
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		this.predict = URI.create("http://127.0.0.1:" + port + "/predict");
	}

	/** A multipart request with one part named {@code file}. */
	public Exchange postFile(byte[] bytes, String filename) {
		return post(fileForm(bytes, filename));
	}

	/** The body of a multipart request with one part named {@code file}; its content type is {@link #MULTIPART}. */
	public static byte[] fileForm(byte[] bytes, String filename) {
		return multipart(filePart("file", filename, bytes));
	}

	Exchange post(byte[] multipartBody) {
		return send(BodyPublishers.ofByteArray(multipartBody), MULTIPART, Duration.ofSeconds(90));
	}

	public CompletableFuture<Exchange> postFileAsync(byte[] bytes, String filename, Duration timeout) {
		return sendAsync(BodyPublishers.ofByteArray(multipart(filePart("file", filename, bytes))), MULTIPART, timeout);
	}

	/** A {@code file} part of {@code size} zero bytes, streamed: the test never holds the body in memory. */
	Exchange postStreamedFile(long size, String filename) {
		byte[] head = (partHeader("file", filename)).getBytes(StandardCharsets.ISO_8859_1);
		byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
		long length = head.length + size + tail.length;
		BodyPublisher body = BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(
				() -> new SequenceInputStream(new ByteArrayInputStream(head),
						new SequenceInputStream(new Zeros(size), new ByteArrayInputStream(tail)))),
				length);
		return send(body, MULTIPART, Duration.ofSeconds(90));
	}

	Exchange postWithContentType(byte[] body, String contentType) {
		return send(BodyPublishers.ofByteArray(body), contentType, Duration.ofSeconds(30));
	}

	public static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

	private Exchange send(BodyPublisher body, String contentType, Duration timeout) {
		try {
			return sendAsync(body, contentType, timeout).join();
		}
		catch (java.util.concurrent.CompletionException ex) {
			throw new IllegalStateException("No HTTP answer: " + ex.getCause(), ex.getCause());
		}
	}

	private CompletableFuture<Exchange> sendAsync(BodyPublisher body, String contentType, Duration timeout) {
		HttpRequest request = HttpRequest.newBuilder(this.predict)
			.timeout(timeout)
			.header("Content-Type", contentType)
			.POST(body)
			.build();
		long started = System.nanoTime();
		return this.client.sendAsync(request, BodyHandlers.ofByteArray())
			.thenApply((response) -> new Exchange(response, System.nanoTime() - started));
	}

	/** The status of a GET, e.g. a health probe. */
	int getStatus(String path) {
		HttpRequest request = HttpRequest.newBuilder(this.predict.resolve(path)).timeout(Duration.ofSeconds(10)).GET()
			.build();
		try {
			return this.client.send(request, BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static byte[] multipart(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
		return out.toByteArray();
	}

	/** One part; ISO-8859-1 keeps every char of the name, NUL included, as one raw byte on the wire. */
	static byte[] filePart(String name, String filename, byte[] content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(partHeader(name, filename).getBytes(StandardCharsets.ISO_8859_1));
		out.writeBytes(content);
		out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
		return out.toByteArray();
	}

	static byte[] fieldPart(String name, String value) {
		return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static String partHeader(String name, String filename) {
		String disposition = "form-data; name=\"" + name + "\""
				+ ((filename != null) ? "; filename=\"" + filename + "\"" : "");
		return "--" + BOUNDARY + "\r\nContent-Disposition: " + disposition
				+ "\r\nContent-Type: application/octet-stream\r\n\r\n";
	}

	/** Status, headers, body and duration of one exchange. */
	public record Exchange(int status, Optional<String> contentType, Optional<String> retryAfter, byte[] body,
			long nanos) {

		Exchange(HttpResponse<byte[]> response, long nanos) {
			this(response.statusCode(), response.headers().firstValue("Content-Type"),
					response.headers().firstValue("Retry-After"), response.body(), nanos);
		}

		public JsonNode json() {
			try {
				return JSON.readTree(this.body);
			}
			catch (RuntimeException ex) {
				throw new AssertionError("Not JSON (status " + this.status + "): "
						+ new String(this.body, 0, Math.min(300, this.body.length), StandardCharsets.UTF_8), ex);
			}
		}

		long millis() {
			return this.nanos / 1_000_000;
		}

	}

	/** {@code size} zero bytes without allocating them. */
	private static final class Zeros extends InputStream {

		private long remaining;

		Zeros(long size) {
			this.remaining = size;
		}

		@Override
		public int read() {
			if (this.remaining <= 0) {
				return -1;
			}
			this.remaining--;
			return 0;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (this.remaining <= 0) {
				return -1;
			}
			int count = (int) Math.min(length, this.remaining);
			java.util.Arrays.fill(buffer, offset, offset + count, (byte) 0);
			this.remaining -= count;
			return count;
		}

	}

}
