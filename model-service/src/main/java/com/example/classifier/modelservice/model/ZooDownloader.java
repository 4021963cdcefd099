package com.example.classifier.modelservice.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.zip.Adler32;
import java.util.zip.CheckedInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches pretrained zoo weights once and checks them with the zoo's Adler-32 checksum. Replaces
 * {@code ZooModel.initPretrained}, which waits forever on a stalled connection, logs no progress and can leave a
 * half-written file behind.
 */
final class ZooDownloader {

	private static final Logger log = LoggerFactory.getLogger(ZooDownloader.class);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

	private ZooDownloader() {
	}

	/**
	 * Returns {@code target}, downloading it from {@code source} unless a copy with the right checksum is there.
	 * @throws IOException when the download fails or the downloaded file has the wrong checksum
	 */
	static Path fetch(URL source, Path target, long expectedAdler32) throws IOException {
		if (Files.isRegularFile(target)) {
			if (adler32(target) == expectedAdler32) {
				log.info("Using cached model weights {}", target);
				return target;
			}
			log.warn("Cached model weights {} fail their checksum; downloading them again", target);
			Files.delete(target);
		}
		Files.createDirectories(target.getParent());
		Path partial = target.resolveSibling(target.getFileName() + ".part");
		try {
			long checksum = download(source, partial, target);
			if (checksum != expectedAdler32) {
				throw new IOException("the downloaded file fails its checksum (Adler-32 " + checksum + ", expected "
						+ expectedAdler32 + ")");
			}
			// Only complete, verified weights ever appear under the final name.
			Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return target;
		}
		finally {
			Files.deleteIfExists(partial);
		}
	}

	private static long download(URL source, Path partial, Path target) throws IOException {
		URLConnection connection = source.openConnection();
		connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
		connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
		connection.connect();
		if (connection instanceof HttpURLConnection http && http.getResponseCode() != HttpURLConnection.HTTP_OK) {
			throw new IOException("HTTP " + http.getResponseCode() + " " + http.getResponseMessage());
		}
		long total = connection.getContentLengthLong();
		log.info("Downloading model weights from {} ({} MB) to {}", source, (total > 0) ? total >> 20 : "?", target);
		try (CheckedInputStream in = new CheckedInputStream(connection.getInputStream(), new Adler32());
				OutputStream out = Files.newOutputStream(partial)) {
			copyWithProgress(in, out, total);
			return in.getChecksum().getValue();
		}
	}

	private static void copyWithProgress(InputStream in, OutputStream out, long total) throws IOException {
		byte[] buffer = new byte[1 << 16];
		long done = 0;
		// Every 10 % when the size is known, otherwise every 10 MB.
		long step = (total > 0) ? Math.max(total / 10, 1) : 10L << 20;
		long nextReport = step;
		for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
			out.write(buffer, 0, read);
			done += read;
			if (done >= nextReport) {
				log.info((total > 0) ? "Downloaded {} of {} MB" : "Downloaded {} MB", done >> 20, total >> 20);
				nextReport = done + step;
			}
		}
		log.info("Download complete: {} MB", done >> 20);
	}

	static long adler32(Path file) throws IOException {
		try (CheckedInputStream in = new CheckedInputStream(Files.newInputStream(file), new Adler32())) {
			in.transferTo(OutputStream.nullOutputStream());
			return in.getChecksum().getValue();
		}
	}

}
