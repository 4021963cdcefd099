package com.example.classifier.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each model's figures from requests.csv lines tagged with the model they asked for. */
class ModelFiguresTests {

	private static final long T0 = 1_800_000_000_000L;

	private static final ScenarioRow ROW = ScenarioRow.parse("1\t10\t1\t1\t2\ttrue\tn/a\tn/a\tn/a\tMix");

	@TempDir
	Path dir;

	@Test
	void splitsTheUploadsByTheModelTheyAskedFor() throws IOException {
		List<String> lines = new ArrayList<>(List.of("start_ms,endpoint,status,response_ms,cached,model"));
		// resnet50: 10 uploads, 100..1000 ms, the last one refused (503); mobilenetv2: 4 uploads of 20 ms.
		for (int i = 1; i <= 10; i++) {
			lines.add((T0 + i * 100) + ",POST /predict," + (i == 10 ? 503 : 200) + "," + (i * 100) + ",0,resnet50");
		}
		for (int i = 1; i <= 4; i++) {
			lines.add((T0 + i * 100) + ",POST /predict,200,20,0,mobilenetv2");
		}
		// Not uploads, not counted for a model; one upload after the window, not counted at all.
		lines.add(T0 + ",GET /,200,5,0,");
		lines.add(T0 + ",POST /feedback,200,5,0,");
		lines.add((T0 + 30_000) + ",POST /predict,200,20,0,mobilenetv2");
		TestRun run = run(lines);

		List<ModelFigures> figures = ModelFigures.of(run);

		assertThat(figures).extracting(ModelFigures::model).containsExactly("mobilenetv2", "resnet50");
		ModelFigures mobilenet = figures.get(0);
		assertThat(mobilenet.requests()).isEqualTo(4);
		assertThat(mobilenet.ok()).isEqualTo(4);
		assertThat(mobilenet.p50Ms()).isEqualTo(20);
		ModelFigures resnet = figures.get(1);
		assertThat(resnet.requests()).isEqualTo(10);
		assertThat(resnet.ok()).isEqualTo(9);
		// Over the nine answered: 100..900 ms, nearest rank.
		assertThat(resnet.p50Ms()).isEqualTo(500);
		assertThat(resnet.p95Ms()).isEqualTo(900);
		assertThat(resnet.p99Ms()).isEqualTo(900);
		// The window is 20 s and every measured request ended inside it.
		assertThat(resnet.okPerSecond()).isEqualTo(9 / 20.0);
		assertThat(mobilenet.okPerSecond()).isEqualTo(4 / 20.0);
		assertThat(TestStats.of(run).perModel()).isEqualTo(figures);
	}

	@Test
	void theReportGivesEachModelsRowInItsTest() throws IOException {
		Path run = this.dir.resolve("run");
		Path test = run.resolve("test-1");
		Files.createDirectories(test);
		Files.writeString(test.resolve("window.properties"), "start_ms=" + T0 + "\nend_ms=" + (T0 + 20_000) + "\n");
		Files.write(test.resolve("requests.csv"), List.of("start_ms,endpoint,status,response_ms,cached,model",
				(T0 + 100) + ",POST /predict,200,300,0,resnet50", (T0 + 200) + ",POST /predict,503,5,0,resnet50",
				(T0 + 300) + ",POST /predict,200,40,0,mobilenetv2"));
		Path tsv = this.dir.resolve("scenarios.tsv");
		Files.writeString(tsv, "1\t10\t1\t1\t2\ttrue\tn/a\tn/a\tn/a\tMix\n");
		Path docs = Files.createDirectories(this.dir.resolve("docs"));

		String md = Files.readString(StressReport.write(run, tsv, docs));

		assertThat(md).contains("| model | uploads | answered | median | p95 | p99 | answers/s |",
				"| `mobilenetv2` | 1 | 1 | 40 ms | 40 ms | 40 ms | 0.05 |",
				"| `resnet50` | 2 | 1 | 300 ms | 300 ms | 300 ms | 0.05 |");
	}

	@Test
	void uploadsWithoutAModelCountForTheDefaultBesideNamedOnes() throws IOException {
		TestRun run = run(List.of("start_ms,endpoint,status,response_ms,cached,model",
				(T0 + 100) + ",POST /predict,200,50,0,", (T0 + 200) + ",POST /predict,200,70,0,mobilenetv2"));
		assertThat(ModelFigures.of(run)).extracting(ModelFigures::model)
			.containsExactly(ModelFigures.DEFAULT, "mobilenetv2");
	}

	@Test
	void aRunOfOneModelOrFromBeforeTheColumnHasNoPerModelFigures() throws IOException {
		assertThat(ModelFigures.of(run(List.of("start_ms,endpoint,status,response_ms,cached",
				(T0 + 100) + ",POST /predict,200,50,0")))).isEmpty();
		assertThat(ModelFigures.of(run(List.of("start_ms,endpoint,status,response_ms,cached,model",
				(T0 + 100) + ",POST /predict,200,50,0,")))).isEmpty();
	}

	private TestRun run(List<String> requestLines) throws IOException {
		Path test = Files.createTempDirectory(this.dir, "test");
		Files.writeString(test.resolve("window.properties"), "start_ms=" + T0 + "\nend_ms=" + (T0 + 20_000) + "\n");
		Files.write(test.resolve("requests.csv"), requestLines);
		return TestRun.load(test, ROW);
	}

}
