package com.example.classifier.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report from a small made-up run: figures as defined, a chart per test, the seed's figures beside ours. */
class StressReportTests {

	private static final long T0 = 1_800_000_000_000L;

	@TempDir
	Path dir;

	@Test
	void writesTheSeedsStructureWithOurFiguresAndCharts() throws IOException {
		Path tsv = this.dir.resolve("scenarios.tsv");
		Files.writeString(tsv, """
				# comment
				1\t10\t1\t1\t1\ttrue\t3.4\t150\t0\tTest #1
				2\t50\t10\t1\t1\ttrue\t6.1\t5400\t0\tTest #2
				""");
		Path run = this.dir.resolve("run");
		Files.createDirectories(run);
		Files.writeString(run.resolve("run.properties"), "cores=2\nengine=onnx\nmodel=resnet50-random-opset13.onnx\n"
				+ "hold_s=10\nscale=0.1\n");
		writeTest1(run.resolve("test-1"));
		Path docs = this.dir.resolve("docs");
		Files.createDirectories(docs);

		Path report = StressReport.write(run, tsv, docs);

		String md = Files.readString(report);
		assertThat(md).contains("# Image Classification API Stress Test", "**Number of users:** 10",
				"| average requests/s | 3.4 | **1.00** (started per second once all users ran: 1.00; peak 2) |", "| median response time | 150 ms | **100 ms** |",
				"2 × 503 busy (backpressure)", "1 × no response", "_Not run in this run",
				"random weights, the standard ResNet50 graph", "img/stress-test-1.png", "per core");
		assertThat(ImageIO.read(docs.resolve("img/stress-test-1.png").toFile()).getHeight()).isEqualTo(1250);
		assertThat(ImageIO.read(docs.resolve("img/stress-summary.png").toFile())).isNotNull();
		assertThat(docs.resolve("img/stress-test-2.png")).doesNotExist();
		assertThat(Files.readAllLines(docs.resolve("stress-test.csv"))).hasSize(2);
	}

	@Test
	void percentilesAreNearestRank() {
		Percentiles p = new Percentiles(new long[] { 5, 1, 4, 2, 3 });
		assertThat(p.at(50)).isEqualTo(3);
		assertThat(p.at(95)).isEqualTo(5);
		assertThat(p.at(20)).isEqualTo(1);
		assertThat(new Percentiles(new long[0]).at(50)).isNaN();
	}

	/** 20 s window, 20 requests: 17 answered in 100 ms, two 503s, one without response; the model did 34 images. */
	private static void writeTest1(Path test) throws IOException {
		Files.createDirectories(test);
		Files.writeString(test.resolve("window.properties"), "start_ms=" + T0 + "\nend_ms=" + (T0 + 20_000) + "\n");
		List<String> requests = new ArrayList<>(List.of("start_ms,endpoint,status,response_ms,cached"));
		for (int i = 0; i < 20; i++) {
			int status = (i == 5 || i == 6) ? 503 : (i == 7) ? 0 : 200;
			long start = T0 + ((i == 3) ? 2_500 : i * 1000L);
			requests.add(start + ",POST /predict," + status + "," + (status == 200 ? 100 : 5) + ",0");
		}
		requests.add((T0 + 25_000) + ",POST /predict,200,100,0");
		Files.write(test.resolve("requests.csv"), requests);
		List<String> samples = new ArrayList<>(List.of("epoch_ms,users,queue_depth,requests_waiting,api_cpu,"
				+ "model_cpu,loadgen_cpu,system_cpu,batches,images,inference_seconds,jobs_answered,jobs_cached,"
				+ "api_rejected,load_average"));
		for (int s = 0; s <= 26; s++) {
			samples.add((T0 + s * 1000L) + "," + Math.min(10, s) + ",1,2,0.1,0.7,0.05,0.9," + s + "," + (2 * s)
					+ ",1,1,0,," + "1.5");
		}
		Files.write(test.resolve("samples.csv"), samples);
	}

}
