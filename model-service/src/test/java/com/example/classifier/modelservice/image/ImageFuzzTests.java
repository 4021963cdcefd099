package com.example.classifier.modelservice.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.example.classifier.common.Hashes;
import com.example.classifier.modelservice.image.DecodeProbe.Outcome;
import com.example.classifier.modelservice.image.DecodeProbe.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded mutation fuzzer over the worker's whole preparation (the api's check, decode, EXIF turn, resize), run in
 * every build over the first {@code fuzz.inputs} (40 000) inputs of the sequence {@code fuzz.seed} makes, stopping
 * early at {@code fuzz.seconds} (60). A fixed count, not a time: a faster machine would otherwise go further along
 * the sequence than the builds that checked it, and fail on inputs nobody had seen (CI's verdict must not depend on
 * its speed). 40 000 inputs take 10-25 s here. Longer runs for hunting: {@code -Dfuzz.inputs=2000000
 * -Dfuzz.seconds=600}. Every input must end prepared, refused by the checks or unreadable: never in
 * another exception or an Error, never over the time or allocation budget. A crashing input is written to
 * {@code target/fuzz-crashes/}; copy it to {@code src/test/resources/fuzz-corpus/}, where {@link FuzzCorpusTests}
 * replays it in every build.
 */
class ImageFuzzTests {

	private static final Logger log = LoggerFactory.getLogger(ImageFuzzTests.class);

	/** Small limits keep what passes them fast to decode: 4 MP, 2 MB, 2 s. */
	static final DecodeBudget BUDGET = new DecodeBudget(DataSize.ofMegabytes(2), 4_000_000, Duration.ofSeconds(2));

	/** Time one call may take: the decode deadline and as much again for the turn and resize after it. */
	static final long MAX_CALL_NANOS = 2 * BUDGET.decodeTimeout().toNanos();

	/**
	 * Bytes one call may allocate, garbage included: 32 bytes per pixel the limits allow (the decoded pixels take at
	 * most 4, the upright copy 4; the JDK's LZW decoder allocates a new array per code).
	 */
	static final long MAX_CALL_BYTES = 32 * BUDGET.maxPixels();

	/**
	 * ImageIO as the 224 models read; then the native decoder, for an 8 × 8 model so that every JPEG the mutator makes
	 * from the 96 × 72 seeds and the photos is read at 1/2 to 1/8 by libjpeg-turbo (those it leaves out or fails on
	 * still go on to ImageIO).
	 */
	@ParameterizedTest(name = "{0}")
	@EnumSource(value = DecoderChoice.class, names = { "IMAGEIO", "NATIVE" })
	void mutatedPhotosAndHeadersNeitherCrashTheCheckOrTheDecoderNorExceedTheirBudget(DecoderChoice decoder)
			throws IOException {
		long seed = Long.getLong("fuzz.seed", 20261130L);
		Duration duration = Duration.ofSeconds(Long.getLong("fuzz.seconds", 60));
		long inputs = Long.getLong("fuzz.inputs", 40_000);
		ImageMutator mutator = new ImageMutator(new Random(seed), FuzzSeeds.all());
		DecodeProbe probe = (decoder == DecoderChoice.NATIVE) ? new DecodeProbe(BUDGET.with(decoder), 8)
				: new DecodeProbe(BUDGET.with(decoder));
		Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
		List<String> crashes = new ArrayList<>();
		Result slowest = null;
		Result hungriest = null;
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		for (long n = 0; n < inputs && System.nanoTime() < end; n++) {
			byte[] input = mutator.next();
			Result result = probe.run(input);
			outcomes.merge(result.outcome(), 1, Integer::sum);
			if (result.outcome() == Outcome.CRASHED || result.nanos() > MAX_CALL_NANOS
					|| result.allocatedBytes() > MAX_CALL_BYTES) {
				crashes.add(save(input) + ": " + result);
			}
			slowest = (slowest == null || result.nanos() > slowest.nanos()) ? result : slowest;
			hungriest = (hungriest == null || result.allocatedBytes() > hungriest.allocatedBytes()) ? result
					: hungriest;
		}
		log.info("Fuzzed {} inputs through {} in {} s (seed {}): {}; slowest call {} ms ({}), most allocated {} MB ({})",
				outcomes.values().stream().mapToInt(Integer::intValue).sum(), decoder,
				(System.nanoTime() - start) / 1_000_000_000,
				seed, outcomes,
				slowest.nanos() / 1_000_000, slowest.outcome(), hungriest.allocatedBytes() >> 20,
				hungriest.outcome());

		assertThat(crashes).as("inputs that crashed or went over budget (saved under target/fuzz-crashes)").isEmpty();
		assertThat(outcomes).as("a fuzzer that reaches the decoder").containsKeys(Outcome.PREPARED, Outcome.REFUSED,
				Outcome.UNREADABLE);
	}

	private static Path save(byte[] input) throws IOException {
		Path dir = Files.createDirectories(Path.of("target", "fuzz-crashes"));
		return Files.write(dir.resolve(Hashes.sha256Hex(input).substring(0, 16) + ".bin"), input);
	}

}
