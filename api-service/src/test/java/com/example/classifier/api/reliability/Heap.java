package com.example.classifier.api.reliability;

import java.lang.management.ManagementFactory;

/** Used heap after full collections: the memory the application still holds, not garbage waiting to be collected. */
final class Heap {

	private Heap() {
	}

	static long usedAfterGc() {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			try {
				// Let reference processing and finalisation catch up between collections.
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return used;
	}

	static long megabytes(long bytes) {
		return bytes / (1024 * 1024);
	}

}
