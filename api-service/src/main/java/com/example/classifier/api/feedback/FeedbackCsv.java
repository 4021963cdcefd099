package com.example.classifier.api.feedback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes reports as RFC 4180 CSV (Commons CSV: CRLF line ends, fields quoted where needed, quotes doubled), ready for
 * whoever retrains the model. What Commons CSV does not do is defuse spreadsheet formulas: {@link #userText} does.
 */
final class FeedbackCsv {

	static final List<String> HEADER = List.of("id", "createdAt", "jobId", "filename", "prediction", "score",
			"correctLabel", "known", "report");

	private final CSVPrinter out;

	FeedbackCsv(Writer out) {
		try {
			this.out = new CSVPrinter(out, CSVFormat.RFC4180);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void header() {
		line(HEADER);
	}

	void row(FeedbackEntry entry) {
		line(List.of(text(entry.id()), text(entry.createdAt()), text(entry.jobId()), text(entry.filename()),
				userText(entry.prediction()), text(entry.score()), userText(entry.correctLabel()),
				Boolean.toString(entry.known()), userText(entry.report())));
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
			this.out.printRecord(values);
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
