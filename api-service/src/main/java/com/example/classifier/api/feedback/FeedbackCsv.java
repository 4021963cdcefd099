package com.example.classifier.api.feedback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes reports as RFC 4180 CSV (CRLF line ends, fields quoted when they hold a comma, quote or line break, quotes
 * doubled), ready for whoever retrains the model.
 */
final class FeedbackCsv {

	static final List<String> HEADER = List.of("id", "createdAt", "jobId", "filename", "prediction", "score",
			"correctLabel", "known", "report");

	private final Writer out;

	FeedbackCsv(Writer out) {
		this.out = out;
	}

	void header() {
		line(HEADER);
	}

	void row(FeedbackEntry entry) {
		line(List.of(text(entry.id()), text(entry.createdAt()), text(entry.jobId()), text(entry.filename()),
				userText(entry.prediction()), text(entry.score()), userText(entry.correctLabel()),
				Boolean.toString(entry.known()), userText(entry.report())));
	}

	static String field(String value) {
		boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
				|| value.indexOf('\r') >= 0 || (!value.isEmpty() && value.strip().length() != value.length());
		return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
	}

	/**
	 * Text typed by users: a leading {@code = + - @} would make a spreadsheet run it as a formula (CSV injection), so
	 * such values get a leading apostrophe, which spreadsheets hide.
	 */
	static String userText(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		char first = value.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + value : value;
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : "";
	}

	private void line(List<String> values) {
		try {
			for (int i = 0; i < values.size(); i++) {
				if (i > 0) {
					this.out.write(',');
				}
				this.out.write(field(values.get(i)));
			}
			this.out.write("\r\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
