package com.example.classifier.api.feedback;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.example.classifier.api.upload.UploadStore;
import jakarta.validation.Validator;

import org.springframework.stereotype.Service;

/**
 * Accepts reports of wrong answers, from the JSON API and from the web page's form, and reads them back.
 * A report is stored once per photo (or per job when only the job is named).
 */
@Service
public class FeedbackService {

	private static final Pattern STREAM_ID = Pattern.compile("\\d{1,20}-\\d{1,20}");

	private static final int EXPORT_BATCH = 500;

	private final FeedbackStore store;

	private final UploadStore uploads;

	private final Validator validator;

	private final Clock clock;

	private final FeedbackProperties properties;

	FeedbackService(FeedbackStore store, UploadStore uploads, Validator validator, Clock clock,
			FeedbackProperties properties) {
		this.store = store;
		this.uploads = uploads;
		this.validator = validator;
		this.clock = clock;
		this.properties = properties;
	}

	public Recorded record(FeedbackRequest request) {
		List<String> problems = new ArrayList<>();
		this.validator.validate(request)
			.forEach((violation) -> problems.add(violation.getPropertyPath() + " " + violation.getMessage()));
		if (request.jobId() == null && request.filename() == null) {
			problems.add("jobId or filename is required");
		}
		if (!problems.isEmpty()) {
			throw rejected(problems.stream().sorted().toList());
		}
		String subject = subjectOf(request);
		FeedbackEntry entry = new FeedbackEntry(null, this.clock.instant(), request.jobId(), request.filename(),
				request.prediction(), request.score(), request.correctLabel());
		FeedbackStore.Appended appended = this.store.append(subject, entry.fields());
		return new Recorded(appended.id(), appended.created());
	}

	/**
	 * Records a form's {@code report} field (the page's, or the seed's clients': JSON, a Python-dict string or plain
	 * text) with the optional label typed beside it. A report about a photo or job this service knows is stored once,
	 * as from the JSON API; any other is stored too, marked {@code known: false}, so that no report is ever lost.
	 * The raw text is kept either way.
	 */
	public Recorded recordReport(String report, String correctLabel) {
		if (report == null || report.isBlank()) {
			throw rejected(List.of("report is empty"));
		}
		ReportText text = ReportText.parse(report);
		String label = (correctLabel != null && !correctLabel.isBlank()) ? correctLabel.strip() : text.correctLabel();
		FeedbackRequest request = new FeedbackRequest(text.jobId(), text.filename(), text.prediction(), text.score(),
				label);
		String subject = knownSubject(request);
		boolean known = subject != null;
		FeedbackEntry entry = new FeedbackEntry(null, this.clock.instant(), request.jobId(), request.filename(),
				request.prediction(), request.score(), request.correctLabel(), known, report);
		// Unknown reports are each their own subject: never de-duplicated, never refused.
		FeedbackStore.Appended appended = this.store.append(known ? subject : "report:" + UUID.randomUUID(),
				entry.fields());
		return new Recorded(appended.id(), appended.created());
	}

	/** The de-duplication subject of a valid report about a stored photo or a known job, otherwise null. */
	private String knownSubject(FeedbackRequest request) {
		if (!this.validator.validate(request).isEmpty()) {
			return null;
		}
		if (request.filename() != null && this.uploads.find(request.filename()).isPresent()) {
			return "file:" + request.filename();
		}
		if (request.filename() == null && request.jobId() != null && this.store.isKnownJob(request.jobId())) {
			return "job:" + request.jobId();
		}
		return null;
	}

	/** Reports after the cursor {@code after} (from the first when null); {@code size} defaults and is capped. */
	public FeedbackPage page(String after, Integer size) {
		List<String> problems = new ArrayList<>();
		if (after != null && !STREAM_ID.matcher(after).matches()) {
			problems.add("after must be a cursor from an earlier page's 'next'");
		}
		if (size != null && size < 1) {
			problems.add("size must be at least 1");
		}
		if (!problems.isEmpty()) {
			throw new InvalidFeedbackRequestException("Invalid page request", problems);
		}
		int wanted = Math.min((size != null) ? size : this.properties.defaultPageSize(),
				this.properties.maxPageSize());
		// One more than asked tells whether another page follows, without a second round trip.
		List<FeedbackEntry> items = this.store.after(after, wanted + 1);
		if (items.size() <= wanted) {
			return new FeedbackPage(items, null);
		}
		List<FeedbackEntry> page = items.subList(0, wanted);
		return new FeedbackPage(List.copyOf(page), page.get(wanted - 1).id());
	}

	/** Every report, oldest first, read in batches so an export never holds the whole stream. */
	public void forEach(Consumer<FeedbackEntry> action) {
		String after = null;
		List<FeedbackEntry> batch;
		do {
			batch = this.store.after(after, EXPORT_BATCH);
			batch.forEach(action);
			after = batch.isEmpty() ? null : batch.get(batch.size() - 1).id();
		}
		while (batch.size() == EXPORT_BATCH);
	}

	private String subjectOf(FeedbackRequest request) {
		// The photo is what a retrainer relabels, so two jobs on the same photo are one report.
		if (request.filename() != null) {
			if (this.uploads.find(request.filename()).isEmpty()) {
				throw rejected(List.of("filename names no stored upload"));
			}
			return "file:" + request.filename();
		}
		if (!this.store.isKnownJob(request.jobId())) {
			throw rejected(List.of("jobId is unknown or its result has expired; send the filename instead"));
		}
		return "job:" + request.jobId();
	}

	private static InvalidFeedbackRequestException rejected(List<String> problems) {
		return new InvalidFeedbackRequestException("The report was not accepted", problems);
	}

	/**
	 * Outcome of recording a report.
	 *
	 * @param id stream entry id of the report (of the earlier one for a duplicate)
	 * @param created false when the job or photo had been reported before and nothing was stored
	 */
	public record Recorded(String id, boolean created) {
	}

}
