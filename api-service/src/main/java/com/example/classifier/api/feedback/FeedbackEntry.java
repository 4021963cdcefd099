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
 */
public record FeedbackEntry(String id, Instant createdAt, String jobId, String filename, String prediction,
		double score, String correctLabel) {

	/** The stream entry's fields; absent values are left out rather than stored as empty strings. */
	Map<String, String> fields() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("createdAt", this.createdAt.toString());
		putIfPresent(fields, "jobId", this.jobId);
		putIfPresent(fields, "filename", this.filename);
		fields.put("prediction", this.prediction);
		fields.put("score", Double.toString(this.score));
		putIfPresent(fields, "correctLabel", this.correctLabel);
		return fields;
	}

	static FeedbackEntry from(MapRecord<String, Object, Object> record) {
		Map<Object, Object> fields = record.getValue();
		Object createdAt = fields.get("createdAt");
		Object score = fields.get("score");
		return new FeedbackEntry(record.getId().getValue(),
				(createdAt != null) ? Instant.parse(createdAt.toString()) : null, text(fields, "jobId"),
				text(fields, "filename"), text(fields, "prediction"),
				(score != null) ? Double.parseDouble(score.toString()) : 0, text(fields, "correctLabel"));
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
