package com.example.classifier.api.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.example.classifier.api.reliability.RawHttp;

/**
 * The leanest HTTP/1.1 client for the latency figure: one kept-alive socket, the whole request written at once, the
 * response read by its length. The JDK's HttpClient spends about a millisecond per exchange of its own (selector
 * thread, hand-offs to the caller), which is the client's cost, not the service's; curl or wrk are as lean as this.
 */
final class SocketHttp implements AutoCloseable {

	private final int port;

	private Socket socket;

	private OutputStream out;

	private InputStream in;

	SocketHttp(int port) throws IOException {
		this.port = port;
		connect();
	}

	private void connect() throws IOException {
		this.socket = new Socket("127.0.0.1", this.port);
		this.socket.setTcpNoDelay(true);
		this.out = this.socket.getOutputStream();
		this.in = new BufferedInputStream(this.socket.getInputStream(), 16384);
	}

	/** Prepares the bytes of a {@code POST /predict} with one {@code file} part, to send later unchanged. */
	static byte[] predictRequest(byte[] file, String filename) {
		byte[] body = RawHttp.fileForm(file, filename);
		byte[] headers = ("POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\nContent-Type: "
				+ RawHttp.MULTIPART + "\r\nContent-Length: " + body.length + "\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		ByteArrayOutputStream request = new ByteArrayOutputStream(headers.length + body.length);
		request.writeBytes(headers);
		request.writeBytes(body);
		return request.toByteArray();
	}

	/** Sends a prepared request and returns the status code; the body is read and dropped. */
	int exchange(byte[] request) {
		try {
			this.out.write(request);
			this.out.flush();
			String status = line();
			int code = Integer.parseInt(status.substring(9, 12));
			long length = -1;
			boolean chunked = false;
			boolean close = false;
			for (String header = line(); !header.isEmpty(); header = line()) {
				String lower = header.toLowerCase(Locale.ROOT);
				if (lower.startsWith("content-length:")) {
					length = Long.parseLong(lower.substring(15).trim());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
				else if (lower.startsWith("connection:") && lower.contains("close")) {
					close = true;
				}
			}
			if (chunked) {
				for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
					this.in.skipNBytes(size);
					line();
				}
				line();
			}
			else if (length > 0) {
				this.in.skipNBytes(length);
			}
			if (close) {
				// Error answers may end the connection (Tomcat does after some 4xx); the next request opens another.
				this.socket.close();
				connect();
			}
			return code;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = this.in.read(); c != '\n'; c = this.in.read()) {
			if (c < 0) {
				throw new IOException("Connection closed mid-response");
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
