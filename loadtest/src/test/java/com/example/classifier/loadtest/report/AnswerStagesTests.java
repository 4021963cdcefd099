package com.example.classifier.loadtest.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The api's request lines and the workers' answer lines, joined by job id into where each answer's time went. */
class AnswerStagesTests {

	private static final String API = " INFO [job %s] 20838 --- [api-service] [o-28080-exec-47] request"
			+ "                                  : ";

	private static final String WORKER = " DEBUG [job %s] 9158 --- [model-service] [   batch-runner] "
			+ "c.e.c.modelservice.queue.BatchRunner     : ";

	@Test
	void anAnswerSplitsIntoUploadApiQueueBatchAndTheWayBack() {
		// Started 10:00:00.000: upload until .100, queued at .250 (2 000 ms before the worker's line at 02.250), its
		// batch ran 1 500 ms (from .750), answered by the worker at 02.250 and by the api at 02.300.
		AnswerStages stages = AnswerStages.parse(ApiRequestLine.all(
				List.of("2026-11-30T10:00:02.300Z" + API.formatted("a-1") + "POST /predict 200 2300 ms (upload read in 100 ms)",
						"2026-11-30T10:00:02.400Z" + API.formatted("b-2") + "POST /predict 200 900 ms",
						"2026-11-30T10:00:02.500Z" + API.formatted("c-3") + "POST /predict 503 3 ms")),
				List.of("2026-11-30T10:00:02.250Z" + WORKER.formatted("a-1")
						+ "Answered malamute in a batch of 8 (1500 ms; 2000 ms after it was queued)",
						"2026-11-30T10:00:02.250Z" + WORKER.formatted("z-9")
						+ "Answered tabby in a batch of 8 (1500 ms; 2000 ms after it was queued)",
						"2026-11-30T10:00:02.250Z" + WORKER.formatted("a-1") + "Classified a batch of 8 in 1500 ms"));

		assertThat(stages.uploadMs()).as("only a-1 has both lines").containsExactly(100L);
		assertThat(stages.apiMs()).containsExactly(150L);
		assertThat(stages.queueMs()).containsExactly(500L);
		assertThat(stages.batchMs()).containsExactly(1500L);
		assertThat(stages.backMs()).containsExactly(50L);
		assertThat(stages.isEmpty()).isFalse();
	}

	@Test
	void aRunWithoutTheWorkersLinesHasNoSplit() {
		assertThat(AnswerStages.load(java.nio.file.Path.of("no-such-test-folder"), List.of()).isEmpty()).isTrue();
		assertThat(AnswerStages.parse(ApiRequestLine.all(List.of("2026-11-30T10:00:02.300Z" + API.formatted("a-1")
				+ "POST /predict 200 2300 ms")), List.of()).isEmpty()).isTrue();
	}

}
