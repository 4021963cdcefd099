package com.example.classifier.api.feedback;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeedbackCsvTests {

	@Test
	void valuesWithSeparatorsQuotesLineBreaksOrPaddingReadBackExactlyAsWritten() throws Exception {
		List<String> tricky = List.of("malamute", "", "tabby, tabby cat", "say \"cheese\"", "two\nlines", "cr\rhere",
				" padded ", "#not a comment");
		StringWriter out = new StringWriter();
		FeedbackCsv csv = new FeedbackCsv(out);
		for (String value : tricky) {
			csv.row(new FeedbackEntry("1-0", Instant.EPOCH, null, "f.jpg", "p", null, null, true, value));
		}

		List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(out.toString())).getRecords();
		assertThat(records).extracting((record) -> record.get(8)).containsExactlyElementsOf(tricky);
		assertThat(out.toString()).contains("\"tabby, tabby cat\"", "\"say \"\"cheese\"\"\"");
	}

	@Test
	void userTextThatASpreadsheetWouldRunAsAFormulaIsDefused() {
		assertThat(FeedbackCsv.userText("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
		assertThat(FeedbackCsv.userText("+1")).isEqualTo("'+1");
		assertThat(FeedbackCsv.userText("-1")).isEqualTo("'-1");
		assertThat(FeedbackCsv.userText("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(FeedbackCsv.userText("Egyptian cat")).isEqualTo("Egyptian cat");
		assertThat(FeedbackCsv.userText(null)).isEmpty();
	}

	@Test
	void rowsEndWithCrLfAndLeaveAbsentValuesEmpty() {
		StringWriter out = new StringWriter();
		FeedbackCsv csv = new FeedbackCsv(out);
		csv.header();
		csv.row(new FeedbackEntry("1-0", Instant.parse("2026-01-02T03:04:05Z"), null, "a.jpg", "malamute", 0.83,
				null));

		csv.row(new FeedbackEntry("2-0", Instant.parse("2026-01-02T03:04:06Z"), null, "test", "angora_cat", null, null,
				false, "{'filename': 'test', 'prediction': 'angora_cat', 'score': 0.95 }"));

		assertThat(out.toString()).isEqualTo("id,createdAt,jobId,filename,prediction,score,correctLabel,known,report\r\n"
				+ "1-0,2026-01-02T03:04:05Z,,a.jpg,malamute,0.83,,true,\r\n"
				+ "2-0,2026-01-02T03:04:06Z,,test,angora_cat,,,false,"
				+ "\"{'filename': 'test', 'prediction': 'angora_cat', 'score': 0.95 }\"\r\n");
	}

}
