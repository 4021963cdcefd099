package com.example.classifier.modelservice.model.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Copies a download and logs its progress: percent and MB/s, every 10 % (or every 10 MB when the size is unknown). */
final class DownloadProgress {

	private static final Logger log = LoggerFactory.getLogger(DownloadProgress.class);

	private final URI source;

	private final long offset;

	private final long total;

	DownloadProgress(URI source, long offset, long total) {
		this.source = source;
		this.offset = offset;
		this.total = total;
	}

	void copy(InputStream in, OutputStream out) throws IOException {
		long started = System.nanoTime();
		long done = this.offset;
		long step = (this.total > 0) ? Math.max(this.total / 10, 1) : 10L << 20;
		long nextReport = done + step;
		byte[] buffer = new byte[1 << 16];
		for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
			out.write(buffer, 0, read);
			done += read;
			if (done >= nextReport) {
				report(done, started);
				nextReport = done + step;
			}
		}
		if (this.total > 0 && done < this.total) {
			throw new IOException("connection closed after " + done + " of " + this.total + " bytes");
		}
		report(done, started);
	}

	private void report(long done, long started) {
		double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
		double rate = (done - this.offset) / seconds / (1 << 20);
		if (this.total > 0) {
			log.info("Downloading {}: {} % ({} of {} MB) at {} MB/s", this.source, done * 100 / this.total, done >> 20,
					this.total >> 20, String.format("%.1f", rate));
		}
		else {
			log.info("Downloading {}: {} MB at {} MB/s", this.source, done >> 20, String.format("%.1f", rate));
		}
	}

}
