package com.example.classifier.api.upload;

import java.nio.file.Files;
import java.nio.file.Path;

import com.example.classifier.common.Hashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class UploadStoreTests {

	@TempDir
	Path dir;

	@Test
	void storesIdenticalUploadsOnceUnderTheirHash() throws Exception {
		UploadStore store = new UploadStore(new UploadProperties(this.dir, 1000));
		byte[] png = TestImages.png(4, 4);
		String sha = Hashes.sha256Hex(png);
		String first = store.store(png, sha, ImageFormat.PNG);
		String second = store.store(png.clone(), sha, ImageFormat.PNG);
		assertThat(first).isEqualTo(second).isEqualTo(sha + ".png");
		try (var files = Files.list(this.dir)) {
			assertThat(files).containsExactly(this.dir.resolve(first));
		}
		assertThat(Files.readAllBytes(this.dir.resolve(first))).isEqualTo(png);
	}

	@Test
	void findsOnlyNamesItCreated() throws Exception {
		UploadStore store = new UploadStore(new UploadProperties(this.dir, 1000));
		byte[] png = TestImages.png(4, 4);
		String name = store.store(png, Hashes.sha256Hex(png), ImageFormat.PNG);
		Files.writeString(this.dir.resolve("secret.txt"), "no");
		assertThat(store.find(name)).contains(this.dir.resolve(name));
		assertThat(store.find("secret.txt")).isEmpty();
		assertThat(store.find("../" + name)).isEmpty();
		assertThat(store.find("a".repeat(64) + ".png")).isEmpty();
		assertThat(store.find(null)).isEmpty();
	}

}
