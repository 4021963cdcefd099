package com.example.classifier.api.queue;

import java.time.Duration;
import java.util.List;

import com.example.classifier.api.queue.AdmissionTests.FakeNanos;
import com.example.classifier.common.ClassificationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The batch time a job sees, from the answers of the last 10 s. */
class ServiceTimeMeterTests {

	@Test
	void theMeanBatchTimeOfRecentAnswersThatRanABatch() {
		FakeNanos clock = new FakeNanos();
		ServiceTimeMeter meter = new ServiceTimeMeter(clock);
		assertThat(meter.seconds()).as("nothing answered").isNaN();

		meter.record(AdmissionTests.answer(100));
		clock.advance(Duration.ofMillis(1500));
		meter.record(AdmissionTests.answer(300));
		meter.record(AdmissionTests.answer(200).fromCache("job-2", "worker"));
		meter.record(ClassificationResult.failed("job-3", "model", "not an image", "worker"));
		meter.record(new ClassificationResult("job-4", ClassificationResult.Status.EXPIRED, "model", List.of(), null,
				0, 0, false, "worker"));

		assertThat(meter.seconds()).as("cache hits, failures and expiries ran no batch").isCloseTo(0.2, within(1e-9));
	}

	@Test
	void answersOlderThanTenSecondsNoLongerCount() {
		FakeNanos clock = new FakeNanos();
		ServiceTimeMeter meter = new ServiceTimeMeter(clock);
		meter.record(AdmissionTests.answer(900));
		clock.advance(Duration.ofSeconds(9));
		meter.record(AdmissionTests.answer(100));
		assertThat(meter.seconds()).isCloseTo(0.5, within(1e-9));

		clock.advance(Duration.ofSeconds(1));
		assertThat(meter.seconds()).isCloseTo(0.1, within(1e-9));
		clock.advance(Duration.ofSeconds(10));
		assertThat(meter.seconds()).isNaN();
	}

	@Test
	void anInstanceUsesItsOwnMeasurementAndAnotherInstancesOnlyWithoutOne() {
		FakeNanos clock = new FakeNanos();
		ServiceTimeMeter meter = new ServiceTimeMeter(clock);
		meter.shared(0.3);
		assertThat(meter.seconds()).isEqualTo(0.3);
		assertThat(meter.ownSeconds()).as("never passed on as its own").isNaN();

		meter.record(AdmissionTests.answer(100));
		assertThat(meter.seconds()).isCloseTo(0.1, within(1e-9));
		meter.shared(Double.NaN);
		clock.advance(Duration.ofSeconds(10));
		assertThat(meter.seconds()).isNaN();
	}

}
