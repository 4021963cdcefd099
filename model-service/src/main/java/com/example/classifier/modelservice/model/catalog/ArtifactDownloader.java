package com.example.classifier.modelservice.model.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts an {@link Artifact} into the cache directory and returns its path. A file appears under its final name only
 * complete and verified: bytes go to {@code <name>.part}, which a later attempt resumes (HTTP {@code Range}), then the
 * checksum is checked and the file renamed atomically. Sources are tried in order; the error names every one tried and
 * how to get the file by hand. Processes sharing a cache directory take turns through a lock file.
 */
public final class ArtifactDownloader {

	private static final Logger log = LoggerFactory.getLogger(ArtifactDownloader.class);

	private final Path cacheDir;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	public ArtifactDownloader(Path cacheDir) {
		this(cacheDir, Duration.ofSeconds(10), Duration.ofSeconds(30));
	}

	ArtifactDownloader(Path cacheDir, Duration connectTimeout, Duration readTimeout) {
		this.cacheDir = cacheDir;
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
	}

	/** The verified file in the cache, fetched first if needed. */
	public Path fetch(Artifact artifact) throws DownloadFailedException, IOException {
		Files.createDirectories(this.cacheDir);
		Path target = this.cacheDir.resolve(artifact.fileName());
		try (FileChannel lockFile = FileChannel.open(this.cacheDir.resolve(artifact.fileName() + ".lock"),
				StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
			Path cached = cached(artifact, target);
			if (cached != null) {
				return cached;
			}
			List<String> failures = new ArrayList<>();
			for (URI source : artifact.sources()) {
				try {
					return fetchFrom(source, artifact, target);
				}
				catch (IOException ex) {
					String reason = ex.getClass().getSimpleName() + ": " + ex.getMessage();
					log.warn("Could not get {} from {}: {}", artifact.fileName(), source, reason);
					failures.add(source + " -> " + reason);
				}
			}
			throw new DownloadFailedException(artifact, target, failures);
		}
	}

	/** The cached file, never the network ({@code model.download=false}). */
	Path cachedOrFail(Artifact artifact) throws IOException {
		Path target = this.cacheDir.resolve(artifact.fileName());
		Path cached = cached(artifact, target);
		if (cached == null) {
			throw new IOException(artifact.fileName() + " is not in the cache " + this.cacheDir
					+ " and downloads are off (model.download=false); run ./run-local.sh --fetch-model where there is a "
					+ "network, or copy the file there");
		}
		return cached;
	}

	/** The cached file if it is there and passes its checksum; a corrupt one is removed. */
	Path cached(Artifact artifact, Path target) throws IOException {
		if (!Files.isRegularFile(target)) {
			return null;
		}
		if (artifact.checksum().matches(target)) {
			log.info("Using {} from the cache ({})", artifact.fileName(), target);
			return target;
		}
		log.warn("Cached {} fails its checksum ({} expected); fetching it again", target, artifact.checksum());
		Files.delete(target);
		return null;
	}

	private Path fetchFrom(URI source, Artifact artifact, Path target) throws IOException {
		Path partial = target.resolveSibling(target.getFileName() + ".part");
		if ("classpath".equals(source.getScheme())) {
			copyResource(source.getSchemeSpecificPart(), partial);
		}
		else {
			new HttpFetch(source, partial, this.connectTimeout, this.readTimeout).run();
		}
		String actual = artifact.checksum().of(partial);
		if (!artifact.checksum().hex().equals(actual)) {
			// Resuming a wrong file would only stay wrong: start from nothing next time.
			Files.delete(partial);
			throw new IOException("checksum mismatch: " + artifact.checksum().algorithm() + " " + actual + ", expected "
					+ artifact.checksum().hex());
		}
		Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		log.info("{} verified ({}) and stored as {}", artifact.fileName(), artifact.checksum().algorithm(), target);
		return target;
	}

	private static void copyResource(String resource, Path partial) throws IOException {
		try (InputStream in = ArtifactDownloader.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IOException("classpath resource " + resource + " is not in this build");
			}
			try (OutputStream out = Files.newOutputStream(partial)) {
				in.transferTo(out);
			}
		}
	}

	/** One HTTP download into the partial file, resumed where an earlier attempt stopped. */
	private record HttpFetch(URI source, Path partial, Duration connectTimeout, Duration readTimeout) {

		void run() throws IOException {
			long have = Files.isRegularFile(this.partial) ? Files.size(this.partial) : 0;
			HttpURLConnection http = (HttpURLConnection) this.source.toURL().openConnection();
			http.setConnectTimeout((int) this.connectTimeout.toMillis());
			http.setReadTimeout((int) this.readTimeout.toMillis());
			http.setInstanceFollowRedirects(true);
			if (have > 0) {
				http.setRequestProperty("Range", "bytes=" + have + "-");
			}
			try {
				int status = http.getResponseCode();
				boolean resumed = have > 0 && status == HttpURLConnection.HTTP_PARTIAL;
				if (status != HttpURLConnection.HTTP_OK && !resumed) {
					throw new IOException("HTTP " + status + " " + http.getResponseMessage());
				}
				long offset = resumed ? have : 0;
				long length = http.getContentLengthLong();
				long total = (length >= 0) ? offset + length : -1;
				if (resumed) {
					log.info("Resuming {} at {} MB", this.source, offset >> 20);
				}
				try (InputStream in = http.getInputStream();
						OutputStream out = resumed
								? Files.newOutputStream(this.partial, StandardOpenOption.APPEND)
								: Files.newOutputStream(this.partial)) {
					new DownloadProgress(this.source, offset, total).copy(in, out);
				}
			}
			finally {
				http.disconnect();
			}
		}

	}

}
