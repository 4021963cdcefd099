package com.example.classifier.loadtest.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The api's own times of a test's uploads, from its request log lines ({@code api-requests.log}, cut from the api's
 * log by loadtest/run.sh): from a request thread's first step to the answer, and for an upload read whole how much
 * of that its body took to arrive. Issue 17 sets its overload targets "at the server": on one machine the load
 * generator's own times also hold the seconds it waited for a CPU, and its uploads' seconds on the way.
 *
 * @param acceptedMs answered 200, whole time at the api
 * @param afterUploadMs answered 200, from the body's last byte to the answer: the queue, the model and the api's own
 * steps
 * @param refusedMs answered 503 (busy, or the queue unavailable)
 * @param stages where the answered uploads' time went, when the run kept the workers' lines too
 */
record ServerTimes(List<Long> acceptedMs, List<Long> afterUploadMs, List<Long> refusedMs, AnswerStages stages) {

	static final String FILE = "api-requests.log";

	static final ServerTimes NONE = new ServerTimes(List.of(), List.of(), List.of(), AnswerStages.NONE);

	/** The test folder's api request lines; {@link #NONE} when the run kept none (runs before 2026-11-30). */
	static ServerTimes load(Path testFolder) {
		Path file = testFolder.resolve(FILE);
		if (!Files.isRegularFile(file)) {
			return NONE;
		}
		try {
			List<ApiRequestLine> uploads = ApiRequestLine.all(Files.readAllLines(file));
			return of(uploads).with(AnswerStages.load(testFolder, uploads));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	static ServerTimes parse(List<String> lines) {
		return of(ApiRequestLine.all(lines));
	}

	private static ServerTimes of(List<ApiRequestLine> uploads) {
		List<Long> accepted = new ArrayList<>();
		List<Long> afterUpload = new ArrayList<>();
		List<Long> refused = new ArrayList<>();
		for (ApiRequestLine upload : uploads) {
			switch (upload.status()) {
				case 200 -> {
					accepted.add(upload.millis());
					if (upload.uploadReadWhole()) {
						afterUpload.add(Math.max(0, upload.millis() - upload.uploadMs()));
					}
				}
				case 503 -> refused.add(upload.millis());
				default -> {
				}
			}
		}
		return new ServerTimes(List.copyOf(accepted), List.copyOf(afterUpload), List.copyOf(refused), AnswerStages.NONE);
	}

	private ServerTimes with(AnswerStages split) {
		return new ServerTimes(this.acceptedMs, this.afterUploadMs, this.refusedMs, split);
	}

	boolean isEmpty() {
		return this.acceptedMs.isEmpty() && this.refusedMs.isEmpty();
	}

	Percentiles accepted() {
		return new Percentiles(this.acceptedMs);
	}

	Percentiles afterUpload() {
		return new Percentiles(this.afterUploadMs);
	}

	Percentiles refused() {
		return new Percentiles(this.refusedMs);
	}

}
