package com.example.classifier.api.feedback;

import java.io.StringWriter;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeedbackCsvTests {

	@Test
	void plainFieldsStayAsTheyAre() {
		assertThat(FeedbackCsv.field("malamute")).isEqualTo("malamute");
		assertThat(FeedbackCsv.field("")).isEmpty();
	}

	@Test
	void fieldsWithSeparatorsQuotesOrLineBreaksAreQuotedWithQuotesDoubled() {
		assertThat(FeedbackCsv.field("tabby, tabby cat")).isEqualTo("\"tabby, tabby cat\"");
		assertThat(FeedbackCsv.field("say \"cheese\"")).isEqualTo("\"say \"\"cheese\"\"\"");
		assertThat(FeedbackCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
		assertThat(FeedbackCsv.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
		assertThat(FeedbackCsv.field(" padded ")).isEqualTo("\" padded \"");
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
