package com.example.classifier.modelservice.model.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.Adler32;

/**
 * The expected digest of a model file, in the algorithm its publisher gives: MD5 for Keras Applications (Keras's own
 * {@code WEIGHTS_HASHES}), SHA-256 for the ONNX Model Zoo and this project's files, Adler-32 for the DL4J zoo.
 *
 * @param algorithm how the digest is computed
 * @param hex the expected digest, lower-case hexadecimal (Adler-32 as its unsigned decimal value's hex form)
 */
public record Checksum(Algorithm algorithm, String hex) {

	public enum Algorithm {

		MD5, SHA256, ADLER32;

		/** The digest of a file, lower-case hexadecimal (Adler-32: its value's hex form). */
		public String hexOf(Path file) throws IOException {
			try (InputStream in = Files.newInputStream(file)) {
				byte[] buffer = new byte[1 << 16];
				if (this == ADLER32) {
					Adler32 adler = new Adler32();
					for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
						adler.update(buffer, 0, read);
					}
					return Long.toHexString(adler.getValue());
				}
				MessageDigest digest = MessageDigest.getInstance((this == MD5) ? "MD5" : "SHA-256");
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					digest.update(buffer, 0, read);
				}
				return HexFormat.of().formatHex(digest.digest());
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("Every JVM has MD5 and SHA-256", ex);
			}
		}

	}

	public Checksum {
		hex = hex.toLowerCase(Locale.ROOT);
	}

	public static Checksum md5(String hex) {
		return new Checksum(Algorithm.MD5, hex);
	}

	public static Checksum sha256(String hex) {
		return new Checksum(Algorithm.SHA256, hex);
	}

	public static Checksum adler32(long value) {
		return new Checksum(Algorithm.ADLER32, Long.toHexString(value));
	}

	/** The digest of a file in this checksum's algorithm. */
	public String of(Path file) throws IOException {
		return this.algorithm.hexOf(file);
	}

	public boolean matches(Path file) throws IOException {
		return this.hex.equals(of(file));
	}

	/** The first 8 hex digits: enough to tell weights apart in a model id. */
	public String shortForm() {
		return this.hex.substring(0, Math.min(8, this.hex.length()));
	}

	@Override
	public String toString() {
		return this.algorithm + " " + this.hex;
	}

}
