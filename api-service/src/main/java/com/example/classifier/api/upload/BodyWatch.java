package com.example.classifier.api.upload;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import com.example.classifier.api.queue.BodyProgress;
import org.apache.coyote.InputBuffer;
import org.apache.tomcat.util.net.ApplicationBufferHandler;

/**
 * Sits between Tomcat's connection and whatever reads a request body (the multipart parser included, which reads
 * Tomcat's own stream, not a servlet wrapper's): counts the bytes, notes when they last arrived, and fails the read
 * once the body has taken longer than {@code upload.body-timeout} or was cut off (see {@link BodyProgress}). A read
 * blocked on a silent client is ended by Tomcat's upload timeout ({@code upload.read-timeout}); this class checks
 * whenever a read returns.
 */
final class BodyWatch implements InputBuffer, BodyProgress {

	private final InputBuffer connection;

	private final long contentLength;

	private final Duration timeout;

	private final long deadline;

	private volatile long bytes;

	/** When the read under way began ({@link System#nanoTime()}), or 0 between reads. */
	private volatile long readingSince;

	private volatile boolean ended;

	/** When the last byte was read ({@link System#nanoTime()}, odd), or 0 before. */
	private volatile long wholeAt;

	private volatile boolean cutOff;

	/** A read failed for time (ours, or Tomcat's upload timeout): the request was answered 408. */
	private volatile boolean timedOut;

	BodyWatch(InputBuffer connection, long contentLength, Duration timeout) {
		this.connection = connection;
		this.contentLength = contentLength;
		this.timeout = timeout;
		this.deadline = System.nanoTime() + timeout.toNanos();
	}

	@Override
	public int doRead(ApplicationBufferHandler handler) throws IOException {
		check();
		int count;
		this.readingSince = System.nanoTime() | 1;
		try {
			count = this.connection.doRead(handler);
		}
		catch (SocketTimeoutException ex) {
			this.timedOut = true;
			throw ex;
		}
		finally {
			this.readingSince = 0;
		}
		if (count > 0) {
			this.bytes += count;
		}
		else if (count < 0) {
			this.ended = true;
		}
		if (this.wholeAt == 0 && isWhole()) {
			this.wholeAt = System.nanoTime() | 1;
		}
		check();
		return count;
	}

	@Override
	public int available() {
		return this.connection.available();
	}

	/**
	 * How long the read under way has waited for the sender: a read returns at once when Tomcat holds bytes, so only
	 * a silent sender keeps it waiting. Between reads (the server busy, or not scheduled on a loaded machine) the
	 * body is not stalled: measuring from the last bytes instead would take places from fast uploads on a busy CPU.
	 */
	@Override
	public long stalledNanos(long now) {
		long since = this.readingSince;
		return (since == 0) ? 0 : Math.max(0, now - since);
	}

	@Override
	public long readWholeAt() {
		return this.wholeAt;
	}

	@Override
	public void cutOff() {
		this.cutOff = true;
	}

	boolean timedOut() {
		return this.timedOut;
	}

	InputBuffer connection() {
		return this.connection;
	}

	private boolean isWhole() {
		return this.ended || (this.contentLength >= 0 && this.bytes >= this.contentLength);
	}

	private void check() throws UploadTooSlowException {
		if (isWhole()) {
			return;
		}
		if (this.cutOff) {
			this.timedOut = true;
			throw new UploadTooSlowException(
					"The upload stalled while other uploads waited for its place in the queue; please send it again.");
		}
		if (System.nanoTime() - this.deadline > 0) {
			this.timedOut = true;
			throw new UploadTooSlowException("The upload took longer than the %d s allowed; please send it again."
				.formatted(this.timeout.toSeconds()));
		}
	}

}
