package com.example.classifier.loadtest.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The api's request lines as loadtest/run.sh keeps them, read into the report's server-side times. */
class ServerTimesTests {

	private static final String PREFIX = "2026-11-30T16:02:09.964Z  INFO 20838 --- [api-service] [o-28080-exec-47] "
			+ "request                                  : ";

	@Test
	void answeredUploadsGiveTheirWholeTimeAndTheTimeAfterTheUploadArrivedRefusalsTheirOwn() {
		ServerTimes times = ServerTimes.parse(List.of(PREFIX + "POST /predict 200 1945 ms (upload read in 79 ms)",
				PREFIX + "POST /predict 200 1200 ms", PREFIX + "POST /predict 503 3 ms",
				PREFIX + "POST /predict?model=resnet50 503 250 ms (upload read in 40 ms)",
				PREFIX + "POST /predict 400 5 ms (upload read in 2 ms)", PREFIX + "GET / 200 12 ms",
				"an unrelated line"));

		assertThat(times.acceptedMs()).containsExactly(1945L, 1200L);
		assertThat(times.afterUploadMs()).as("only where the body was read whole").containsExactly(1866L);
		assertThat(times.refusedMs()).containsExactly(3L, 250L);
		assertThat(times.refused().at(50)).isEqualTo(3);
		assertThat(times.isEmpty()).isFalse();
	}

	@Test
	void aRunWithoutTheLinesHasNone() {
		assertThat(ServerTimes.load(java.nio.file.Path.of("no-such-test-folder")).isEmpty()).isTrue();
	}

}
