package com.example.classifier.modelservice.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.example.classifier.modelservice.image.DecodeProbe.Outcome;
import com.example.classifier.modelservice.image.DecodeProbe.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every input in {@code src/test/resources/fuzz-corpus} (see its README: each once crashed the decoder) goes the whole
 * way the worker takes, with the worker's default budget: prepared, refused or unreadable, within time and memory.
 */
class FuzzCorpusTests {

	private static final Path CORPUS = Path.of("src/test/resources/fuzz-corpus");

	private final DecodeProbe probe = new DecodeProbe(DecodeBudget.DEFAULT.with(DecoderChoice.IMAGEIO));

	/** Any JPEG in the corpus through the native decoder too (an 8 × 8 model: it reads them at 1/2 to 1/8). */
	private final DecodeProbe nativeProbe = new DecodeProbe(DecodeBudget.DEFAULT.with(DecoderChoice.NATIVE), 8);

	static Stream<Path> corpus() throws IOException {
		try (Stream<Path> files = Files.list(CORPUS)) {
			return files.filter((file) -> file.toString().endsWith(".bin")).sorted().toList().stream();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void aFormerCrashEndsInAnAnswerWithinItsBudget(Path input) throws IOException {
		byte[] bytes = Files.readAllBytes(input);
		for (DecodeProbe each : new DecodeProbe[] { this.probe, this.nativeProbe }) {
			Result result = each.run(bytes);

			assertThat(result.outcome()).as("%s: %s", input, result.failure()).isNotEqualTo(Outcome.CRASHED);
			assertThat(result.nanos()).isLessThan(DecodeBudget.DEFAULT.decodeTimeout().toNanos());
			assertThat(result.allocatedBytes()).isLessThan(32 * DecodeBudget.DEFAULT.maxPixels());
		}
	}

}
