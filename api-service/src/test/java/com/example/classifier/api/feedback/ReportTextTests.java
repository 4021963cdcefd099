package com.example.classifier.api.feedback;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The form's {@code report} text as the seed's clients write it. */
class ReportTextTests {

	@Test
	void readsTheSeedsPythonDictString() {
		ReportText report = ReportText.parse("{'filename': 'test', 'prediction': 'angora_cat', 'score': 0.95 }");
		assertThat(report.filename()).isEqualTo("test");
		assertThat(report.prediction()).isEqualTo("angora_cat");
		assertThat(report.score()).isEqualTo(0.95);
		assertThat(report.plainText()).isFalse();
	}

	@Test
	void readsPythonLiteralsAndTrailingCommas() {
		ReportText report = ReportText.parse("{'filename': None, 'prediction': 'tabby', 'score': '0.5', 'ok': True,}");
		assertThat(report.filename()).isNull();
		assertThat(report.prediction()).isEqualTo("tabby");
		assertThat(report.score()).isEqualTo(0.5);
	}

	@Test
	void readsJson() {
		ReportText report = ReportText.parse("{\"jobId\":\"j\",\"prediction\":\"malamute\",\"score\":0.83,"
				+ "\"correctLabel\":\"Siberian husky\"}");
		assertThat(report.jobId()).isEqualTo("j");
		assertThat(report.correctLabel()).isEqualTo("Siberian husky");
	}

	@Test
	void plainTextKeepsOnlyTheRawText() {
		ReportText report = ReportText.parse("the dog is a husky, not a malamute");
		assertThat(report.plainText()).isTrue();
		assertThat(report.raw()).isEqualTo("the dog is a husky, not a malamute");
	}

	@Test
	void aScoreOutside0To1OrNotANumberIsDropped() {
		assertThat(ReportText.parse("{'score': 7}").score()).isNull();
		assertThat(ReportText.parse("{'score': 'high'}").score()).isNull();
	}

	@Test
	void controlCharactersAreBlankedAndFieldsCapped() {
		ReportText report = ReportText.parse("{'prediction': 'a\\nb', 'filename': '" + "x".repeat(500) + "'}");
		assertThat(report.prediction()).isEqualTo("a b");
		assertThat(report.filename()).hasSize(200);
	}

}
