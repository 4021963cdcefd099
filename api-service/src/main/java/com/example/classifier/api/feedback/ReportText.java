package com.example.classifier.api.feedback;

import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web form's {@code report} field, read as leniently as the seed's clients write it: JSON, a Python-dict string
 * ({@code {'filename': 'test', 'prediction': 'angora_cat', 'score': 0.95 }}, as the seed's page and Locust user send),
 * or plain text. What can be parsed is; the raw text is always kept with the report.
 *
 * @param jobId the {@code jobId} field, if any
 * @param filename the {@code filename} field, if any
 * @param prediction the {@code prediction} field, if any
 * @param score the {@code score} field, if it is a number in 0..1
 * @param correctLabel the {@code correctLabel} field, if any
 * @param raw the text as sent
 */
record ReportText(String jobId, String filename, String prediction, Double score, String correctLabel, String raw) {

	/** Single quotes and Python's literals: the seed's page sent {@code str(dict)}. */
	private static final JsonMapper READER = JsonMapper.builder()
		.enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
		.enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
		.build();

	private static final Pattern PYTHON_LITERAL = Pattern.compile("\\b(None|True|False)\\b");

	/** Longest text kept in one field, as the JSON API's validation allows. */
	private static final int MAX_FIELD = 200;

	static ReportText parse(String raw) {
		JsonNode node = readObject(raw);
		if (node == null) {
			return new ReportText(null, null, null, null, null, raw);
		}
		return new ReportText(text(node, "jobId"), text(node, "filename"), text(node, "prediction"), score(node),
				text(node, "correctLabel"), raw);
	}

	/** True when nothing in the text could be read as a report's fields. */
	boolean plainText() {
		return this.jobId == null && this.filename == null && this.prediction == null && this.score == null
				&& this.correctLabel == null;
	}

	private static JsonNode readObject(String raw) {
		String json = PYTHON_LITERAL.matcher(raw).replaceAll((match) -> switch (match.group(1)) {
			case "None" -> "null";
			case "True" -> "true";
			default -> "false";
		});
		try {
			JsonNode node = READER.readTree(json);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull() || value.isContainer()) {
			return null;
		}
		// Control characters would break the CSV export's lines; the raw text keeps everything.
		String text = value.asString().replaceAll("\\p{Cntrl}", " ").strip();
		return text.isEmpty() ? null : text.substring(0, Math.min(text.length(), MAX_FIELD));
	}

	private static Double score(JsonNode node) {
		JsonNode value = node.get("score");
		double score;
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isNumber()) {
			score = value.asDouble();
		}
		else {
			try {
				score = Double.parseDouble(value.asString().strip());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return (score >= 0 && score <= 1) ? score : null;
	}

}
