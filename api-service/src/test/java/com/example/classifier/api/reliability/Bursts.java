package com.example.classifier.api.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import com.example.classifier.api.reliability.RawHttp.Exchange;

/** Bursts of concurrent requests, and waiting for a condition on another process without a fixed sleep. */
final class Bursts {

	private Bursts() {
	}

	/** Sends {@code count} distinct dog photos at once; the futures complete with each answer. */
	static List<CompletableFuture<Exchange>> dogs(RawHttp http, int count, Duration timeout) {
		DogVariants variants = new DogVariants();
		List<byte[]> photos = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			photos.add(variants.next());
		}
		List<CompletableFuture<Exchange>> answers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			answers.add(http.postFileAsync(photos.get(i), "burst-" + i + ".jpg", timeout));
		}
		return answers;
	}

	static List<Exchange> join(List<CompletableFuture<Exchange>> answers) {
		return answers.stream().map(CompletableFuture::join).toList();
	}

	/** Polls every 20 ms until the condition holds; fails the test after {@code timeout}. */
	static void await(String what, Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out after " + timeout + " waiting until " + what);
			}
			try {
				// Another process's progress: nothing to block on but its visible state.
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted waiting until " + what);
			}
		}
	}

}
