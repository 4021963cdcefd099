package com.example.classifier.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProcessCpuTests {

	@Test
	void readsUserAndSystemTicksAfterACommandNameWithSpaces() {
		String stat = "4302 (java (main) x) S 1 4302 4302 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 40 0 100 0 0";
		assertThat(ProcessCpu.parseTicks(stat)).isEqualTo(300);
	}

	@Test
	void measuresThisProcessWhileItWorks() throws Exception {
		ProcessCpu cpu = new ProcessCpu(List.of(ProcessHandle.current().pid()), 1);
		assertThat(cpu.sample()).isNaN();
		long until = System.nanoTime() + 300_000_000L;
		double x = 0;
		while (System.nanoTime() < until) {
			x += Math.sqrt(x + 1);
		}
		assertThat(x).isPositive();
		// Lenient: on a shared machine this thread gets what the others leave.
		assertThat(cpu.sample()).isBetween(0.01, 2.0);
		assertThat(new ProcessCpu(List.of(-1L), 1).sample()).isNaN();
	}

}
