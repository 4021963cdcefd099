package com.example.classifier.modelservice.model.catalog;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import com.example.classifier.modelservice.image.Preprocessing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Downloads from a real local HTTP server: resume, checksum mismatch, 403, falling over to the next source. */
class ArtifactDownloaderTests {

	private static final byte[] WEIGHTS = randomBytes(300_000);

	@TempDir
	Path cache;

	private final MirrorServer mirror = MirrorServer.start();

	@AfterEach
	void stop() {
		this.mirror.close();
	}

	@Test
	void downloadsVerifiesAndStoresUnderTheFinalNameOnly() throws Exception {
		Path file = downloader().fetch(artifact(this.mirror.serve("/w.h5", WEIGHTS)));
		assertThat(file).isEqualTo(this.cache.resolve("weights.h5")).hasBinaryContent(WEIGHTS);
		assertThat(filesIn(this.cache)).containsExactlyInAnyOrder("weights.h5", "weights.h5.lock");
	}

	@Test
	void aCutDownloadIsResumedFromWhereItStopped() throws Exception {
		URI cut = this.mirror.cut("/cut.h5", WEIGHTS, 100_000);
		URI whole = this.mirror.serve("/whole.h5", WEIGHTS);
		Path file = downloader().fetch(artifact(cut, whole));
		assertThat(file).hasBinaryContent(WEIGHTS);
		// The second source was asked only for what the first did not deliver.
		assertThat(this.mirror.requests).extracting(MirrorServer.Request::range)
			.containsExactly(null, "bytes=100000-");
	}

	@Test
	void aPartialFileLeftByAnEarlierRunIsResumed() throws Exception {
		Files.write(this.cache.resolve("weights.h5.part"), java.util.Arrays.copyOf(WEIGHTS, 250_000));
		Path file = downloader().fetch(artifact(this.mirror.serve("/w.h5", WEIGHTS)));
		assertThat(file).hasBinaryContent(WEIGHTS);
		assertThat(this.mirror.requests).extracting(MirrorServer.Request::range).containsExactly("bytes=250000-");
	}

	@Test
	void aFileFailingItsChecksumIsDiscardedAndTheNextSourceTried() throws Exception {
		byte[] tampered = WEIGHTS.clone();
		tampered[12345] ^= 1;
		Path file = downloader().fetch(artifact(this.mirror.serve("/bad.h5", tampered), this.mirror.serve("/good.h5", WEIGHTS)));
		assertThat(file).hasBinaryContent(WEIGHTS);
		assertThat(this.mirror.requests).extracting(MirrorServer.Request::range).containsExactly(null, null);
	}

	@Test
	void aForbiddenSourceFallsOverToTheNextOne() throws Exception {
		Path file = downloader().fetch(artifact(this.mirror.refuse("/gone.h5", 403), this.mirror.serve("/w.h5", WEIGHTS)));
		assertThat(file).hasBinaryContent(WEIGHTS);
	}

	@Test
	void whenEverySourceFailsTheErrorNamesEachAndHowToGetTheFileByHand() {
		URI forbidden = this.mirror.refuse("/a.h5", 403);
		URI wrong = this.mirror.serve("/b.h5", randomBytes(1000));
		URI nowhere = URI.create("http://nowhere.invalid/c.h5");
		assertThatExceptionOfType(DownloadFailedException.class)
			.isThrownBy(() -> downloader().fetch(artifact(forbidden, wrong, nowhere)))
			.withMessageContaining("1. " + forbidden + " -> IOException: HTTP 403")
			.withMessageContaining("2. " + wrong + " -> IOException: checksum mismatch")
			.withMessageContaining("3. " + nowhere)
			.withMessageContaining("curl -fL -o weights.h5 " + forbidden)
			.withMessageContaining("SHA256 " + sha256(WEIGHTS))
			.withMessageContaining(this.cache.resolve("weights.h5").toString());
		// Nothing unverified is left under the final name.
		assertThat(this.cache.resolve("weights.h5")).doesNotExist();
	}

	@Test
	void aVerifiedCachedFileIsUsedWithoutAnyRequest() throws Exception {
		Files.write(this.cache.resolve("weights.h5"), WEIGHTS);
		assertThat(downloader().fetch(artifact(this.mirror.serve("/w.h5", WEIGHTS)))).hasBinaryContent(WEIGHTS);
		assertThat(this.mirror.requests).isEmpty();
	}

	@Test
	void aCorruptCachedFileIsFetchedAgain() throws Exception {
		Files.write(this.cache.resolve("weights.h5"), randomBytes(10));
		assertThat(downloader().fetch(artifact(this.mirror.serve("/w.h5", WEIGHTS)))).hasBinaryContent(WEIGHTS);
		assertThat(this.mirror.requests).hasSize(1);
	}

	@Test
	void theEmbeddedModelIsCopiedOutOfTheJarAndVerified() throws Exception {
		Artifact embedded = ModelCatalogue.embeddedMobileNetV2().artifacts().get(0);
		Path file = downloader().fetch(embedded);
		assertThat(embedded.checksum().matches(file)).isTrue();
		assertThat(Files.size(file)).isEqualTo(14_209_976L);
	}

	private ArtifactDownloader downloader() {
		return new ArtifactDownloader(this.cache, Duration.ofSeconds(2), Duration.ofSeconds(5));
	}

	private static Artifact artifact(URI... sources) {
		return new Artifact("weights.h5", ModelFormat.KERAS_FULL_MODEL, Checksum.sha256(sha256(WEIGHTS)),
				WEIGHTS.length, Preprocessing.TORCH, List.of(sources));
	}

	static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> filesIn(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}


}
