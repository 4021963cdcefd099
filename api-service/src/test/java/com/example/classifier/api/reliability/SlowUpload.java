package com.example.classifier.api.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A raw-socket upload to {@code POST /predict} sent as a slow client sends it: the headers and the first part of a
 * multipart body at once, then a byte at a time when told. It notices when the service has answered (status line
 * read) or closed the connection, and can start over on a new connection, as an attacker's tool would.
 */
final class SlowUpload implements AutoCloseable {

	private final int port;

	private final byte[] body;

	private final int firstPart;

	private Socket socket;

	private int sent;

	SlowUpload(int port, byte[] photo, int firstPart) {
		this.port = port;
		this.body = RawHttp.fileForm(photo, "slow.jpg");
		this.firstPart = firstPart;
	}

	/** Opens a connection and sends the headers and the first part of the body. */
	SlowUpload start() throws IOException {
		close();
		this.socket = new Socket("127.0.0.1", this.port);
		// Reads only peek at what the service sent: never block the caller.
		this.socket.setSoTimeout(1);
		OutputStream out = this.socket.getOutputStream();
		out.write(("POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + RawHttp.MULTIPART
				+ "\r\nContent-Length: " + this.body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
		out.write(this.body, 0, this.firstPart);
		out.flush();
		this.sent = this.firstPart;
		return this;
	}

	/** Sends the next byte of the body (the last one never: the upload stays unfinished). */
	void sendByte() throws IOException {
		if (this.sent < this.body.length - 1) {
			this.socket.getOutputStream().write(this.body[this.sent++]);
			this.socket.getOutputStream().flush();
		}
	}

	/**
	 * The service's answer so far: its status (0 when it closed without one), or empty while the upload is still
	 * being read.
	 */
	Optional<Integer> answer() {
		try {
			InputStream in = this.socket.getInputStream();
			byte[] head = new byte[12];
			int read = in.read(head);
			if (read < 0) {
				return Optional.of(0);
			}
			String line = new String(head, 0, read, StandardCharsets.ISO_8859_1);
			return Optional.of(line.startsWith("HTTP/1.1 ") && read >= 12 ? Integer.parseInt(line.substring(9, 12)) : 0);
		}
		catch (SocketTimeoutException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			return Optional.of(0);
		}
	}

	/** Whether the service closed the connection (after its answer, if any). */
	boolean closedByService() {
		try {
			InputStream in = this.socket.getInputStream();
			byte[] rest = new byte[4096];
			int read;
			while ((read = in.read(rest)) > 0) {
				// The rest of the answer.
			}
			return read < 0;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// Closing a socket the service already reset.
			}
		}
	}

}
