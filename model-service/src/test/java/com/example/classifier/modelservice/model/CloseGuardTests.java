package com.example.classifier.modelservice.model;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CloseGuardTests {

	private final CloseGuard guard = new CloseGuard("model@1");

	@Test
	void aCallAfterCloseFailsNamingTheModelAndTheResourcesAreReleasedOnce() {
		AtomicInteger releases = new AtomicInteger();
		assertThat(this.guard.whileOpen(() -> "ran")).isEqualTo("ran");

		this.guard.close(releases::incrementAndGet);
		this.guard.close(releases::incrementAndGet);

		assertThat(releases).hasValue(1);
		assertThatIllegalStateException().isThrownBy(() -> this.guard.whileOpen(() -> "ran"))
			.withMessageContaining("model@1")
			.withMessageContaining("closed");
	}

	@Test
	void closeWaitsForTheCallsRunning() throws Exception {
		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> {
			try {
				return this.guard.whileOpen(() -> {
					running.countDown();
					finish.await();
					return "done";
				});
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		});
		assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

		AtomicInteger releases = new AtomicInteger();
		CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> this.guard.close(releases::incrementAndGet));
		Thread.sleep(200);
		assertThat(closing).isNotDone();
		assertThat(releases).hasValue(0);

		finish.countDown();
		assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo("done");
		closing.get(5, TimeUnit.SECONDS);
		assertThat(releases).hasValue(1);
	}

}
