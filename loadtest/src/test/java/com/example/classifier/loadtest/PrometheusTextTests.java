package com.example.classifier.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTests {

	private static final String TEXT = """
			# HELP classifier_queue_depth jobs waiting
			# TYPE classifier_queue_depth gauge
			classifier_queue_depth{application="api-service"} 42.0
			classifier_worker_jobs_total{application="model-service",engine="onnx",outcome="answered"} 120.0
			classifier_worker_jobs_total{application="model-service",engine="onnx",outcome="cached"} 3.0
			classifier_batch_size_sum{application="model-service",model="a,b \\"x\\""} 7.5
			process_cpu_usage 0.25 1700000000000
			broken_line{application=
			""";

	@Test
	void readsSamplesByNameAndLabels() {
		PrometheusText text = PrometheusText.parse(TEXT);
		assertThat(text.sum("classifier_queue_depth")).hasValue(42.0);
		assertThat(text.sum("classifier_worker_jobs_total")).hasValue(123.0);
		assertThat(text.sum("classifier_worker_jobs_total", "outcome", "cached")).hasValue(3.0);
		assertThat(text.sum("classifier_batch_size_sum", "model", "a,b \"x\"")).hasValue(7.5);
		assertThat(text.sum("process_cpu_usage")).hasValue(0.25);
		assertThat(text.sum("classifier_worker_jobs_total", "outcome", "failed")).isEmpty();
		assertThat(text.sum("missing")).isEmpty();
	}

}
