package com.example.classifier.modelservice.model.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a free loopback port standing in for the model mirrors: each path serves bytes (with
 * {@code Range} support), refuses with a status, or cuts the connection part-way. Records every request's path and
 * {@code Range} header.
 */
final class MirrorServer implements AutoCloseable {

	record Request(String path, String range) {
	}

	private sealed interface Behaviour permits Serve, Refuse, Cut {
	}

	private record Serve(byte[] body) implements Behaviour {
	}

	private record Refuse(int status) implements Behaviour {
	}

	/** Announces the whole length, sends {@code sent} bytes, then closes the connection. */
	private record Cut(byte[] body, int sent) implements Behaviour {
	}

	private final HttpServer server;

	private final Map<String, Behaviour> paths = new ConcurrentHashMap<>();

	final List<Request> requests = new CopyOnWriteArrayList<>();

	/** A started server; tests close it after each test. */
	static MirrorServer start() {
		try {
			return new MirrorServer();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private MirrorServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	URI serve(String path, byte[] body) {
		this.paths.put(path, new Serve(body));
		return uri(path);
	}

	URI refuse(String path, int status) {
		this.paths.put(path, new Refuse(status));
		return uri(path);
	}

	URI cut(String path, byte[] body, int sent) {
		this.paths.put(path, new Cut(body, sent));
		return uri(path);
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String range = exchange.getRequestHeaders().getFirst("Range");
		this.requests.add(new Request(path, range));
		Behaviour behaviour = this.paths.getOrDefault(path, new Refuse(404));
		try (exchange) {
			if (behaviour instanceof Refuse refuse) {
				exchange.sendResponseHeaders(refuse.status(), -1);
			}
			else if (behaviour instanceof Cut cut) {
				exchange.sendResponseHeaders(200, cut.body().length);
				OutputStream out = exchange.getResponseBody();
				out.write(cut.body(), 0, cut.sent());
				out.flush();
				// Closing the exchange before the announced length ends the connection mid-body.
			}
			else if (behaviour instanceof Serve serve) {
				send(exchange, serve.body(), range);
			}
		}
	}

	private static void send(HttpExchange exchange, byte[] body, String range) throws IOException {
		int from = 0;
		if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
			from = Integer.parseInt(range.substring(6, range.length() - 1));
			exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
			exchange.sendResponseHeaders(206, body.length - from);
		}
		else {
			exchange.sendResponseHeaders(200, body.length);
		}
		exchange.getResponseBody().write(body, from, body.length - from);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
