package com.example.classifier.api.feedback;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.data.redis.connection.stream.MapRecord;

/**
 * One stored report, as {@code GET /feedback} and the CSV export give it back.
 *
 * @param id the Redis stream entry id; also the paging cursor ({@code after})
 * @param createdAt when the report was received (server clock)
 * @param score the score the reporter quoted; null when a form report gave none
 * @param known false for a report about a file or job the service does not know (stored anyway, never lost)
 * @param report the form's {@code report} text as sent, when the report came from a form
 */
public record FeedbackEntry(String id, Instant createdAt, String jobId, String filename, String prediction,
		Double score, String correctLabel, boolean known, String report) {

	/** A report about a known file or job, from the JSON API. */
	public FeedbackEntry(String id, Instant createdAt, String jobId, String filename, String prediction, Double score,
			String correctLabel) {
		this(id, createdAt, jobId, filename, prediction, score, correctLabel, true, null);
	}

	/** The stream entry's fields; absent values are left out rather than stored as empty strings. */
	Map<String, String> fields() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("createdAt", this.createdAt.toString());
		putIfPresent(fields, "jobId", this.jobId);
		putIfPresent(fields, "filename", this.filename);
		putIfPresent(fields, "prediction", this.prediction);
		putIfPresent(fields, "score", (this.score != null) ? Double.toString(this.score) : null);
		putIfPresent(fields, "correctLabel", this.correctLabel);
		// Absent on reports stored before the field existed, which were all about known photos or jobs.
		if (!this.known) {
			fields.put("known", "false");
		}
		putIfPresent(fields, "report", this.report);
		return fields;
	}

	static FeedbackEntry from(MapRecord<String, Object, Object> record) {
		Map<Object, Object> fields = record.getValue();
		Object createdAt = fields.get("createdAt");
		Object score = fields.get("score");
		return new FeedbackEntry(record.getId().getValue(),
				(createdAt != null) ? Instant.parse(createdAt.toString()) : null, text(fields, "jobId"),
				text(fields, "filename"), text(fields, "prediction"),
				(score != null) ? Double.valueOf(score.toString()) : null, text(fields, "correctLabel"),
				!"false".equals(text(fields, "known")), text(fields, "report"));
	}

	private static String text(Map<Object, Object> fields, String name) {
		Object value = fields.get(name);
		return (value != null) ? value.toString() : null;
	}

	private static void putIfPresent(Map<String, String> fields, String name, String value) {
		if (value != null) {
			fields.put(name, value);
		}
	}

}
