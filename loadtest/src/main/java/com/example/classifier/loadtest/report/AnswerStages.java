package com.example.classifier.loadtest.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each answered upload's time went at the server, from two logs joined by job id: the api's request line (its
 * end, whole time and upload time) and the worker's debug line for the answer ({@code worker-answers.log}, cut by
 * loadtest/run.sh: "Answered malamute in a batch of 8 (577 ms; 1261 ms after it was queued)", logged just before the
 * answer is written back). Each upload splits into its body's arrival, the api until the job was queued, the queue and
 * the preparation until its batch ran, the batch, and the way back to the caller. On a 2-core machine shared with the
 * model, this split showed the api waiting up to 2 s for a CPU on both sides of the model (docs/performance.md).
 *
 * @param uploadMs until the body's last byte arrived
 * @param apiMs from then until the job was queued: checks, hashing, storing the image in Redis
 * @param queueMs from queued until its batch started: the queue, and the worker's preparation of the batch
 * @param batchMs the engine's time for the batch that held it
 * @param backMs from the worker's answer to the api's response
 */
record AnswerStages(List<Long> uploadMs, List<Long> apiMs, List<Long> queueMs, List<Long> batchMs,
		List<Long> backMs) {

	static final String FILE = "worker-answers.log";

	static final AnswerStages NONE = new AnswerStages(List.of(), List.of(), List.of(), List.of(), List.of());

	private static final Pattern WORKER = Pattern.compile("^(\\S+)\\s.*\\[job ([\\w-]+)\\].*Answered .* in a batch of "
			+ "\\d+ \\((\\d+) ms; (\\d+) ms after it was queued\\)");

	/**
	 * The test folder's worker lines, joined with its uploads' lines; {@link #NONE} when the run kept no worker lines
	 * (before 2026-11-30).
	 */
	static AnswerStages load(Path testFolder, List<ApiRequestLine> uploads) {
		Path worker = testFolder.resolve(FILE);
		if (!Files.isRegularFile(worker)) {
			return NONE;
		}
		try {
			return parse(uploads, Files.readAllLines(worker));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + worker, ex);
		}
	}

	static AnswerStages parse(List<ApiRequestLine> uploads, List<String> workerLines) {
		Map<String, Answered> answered = new HashMap<>();
		for (String line : workerLines) {
			Matcher matcher = WORKER.matcher(line);
			if (matcher.find()) {
				answered.put(matcher.group(2), new Answered(Instant.parse(matcher.group(1)).toEpochMilli(),
						Long.parseLong(matcher.group(3)), Long.parseLong(matcher.group(4))));
			}
		}
		List<List<Long>> stages = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
				new ArrayList<>());
		for (ApiRequestLine upload : uploads) {
			Answered worker = (upload.status() == 200 && upload.jobId() != null) ? answered.get(upload.jobId()) : null;
			if (worker == null) {
				continue;
			}
			long end = Instant.parse(upload.at()).toEpochMilli();
			long start = end - upload.millis();
			long uploadMs = Math.max(0, upload.uploadMs());
			long queuedAt = worker.atMs() - worker.sinceQueuedMs();
			long[] split = { uploadMs, queuedAt - start - uploadMs, worker.sinceQueuedMs() - worker.batchMs(),
					worker.batchMs(), end - worker.atMs() };
			for (int i = 0; i < split.length; i++) {
				stages.get(i).add(Math.max(0, split[i]));
			}
		}
		return new AnswerStages(List.copyOf(stages.get(0)), List.copyOf(stages.get(1)), List.copyOf(stages.get(2)),
				List.copyOf(stages.get(3)), List.copyOf(stages.get(4)));
	}

	boolean isEmpty() {
		return this.batchMs.isEmpty();
	}

	/** The worker's line: when it was logged, the batch's time, and the time since the job was queued. */
	private record Answered(long atMs, long batchMs, long sinceQueuedMs) {
	}

}
