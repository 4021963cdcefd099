package com.example.classifier.api.queue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static com.example.classifier.api.queue.AdmissionTests.properties;
import static org.assertj.core.api.Assertions.assertThat;

/** The line of newcomers waiting for a slow sender's place, with real time (the stall timeout is 250 ms). */
class PlaceLineTests {

	@Test
	void aNewcomerRobbedOfThePlaceItWaitedForTakesTheNextPlaceASlowSenderLoses() throws Exception {
		Admission admission = new Admission(properties(1000, 2), new DrainMeter(), new ServiceTimeMeter());
		long now = System.nanoTime();
		// Two slow senders, silent for 200 and 100 ms: their places can be taken in 50 and 150 ms.
		admission.tryReserveUpload().watch(new SilentSender(now - Duration.ofMillis(200).toNanos()));
		admission.tryReserveUpload().watch(new SilentSender(now - Duration.ofMillis(100).toNanos()));

		CompletableFuture<UploadPlace> newcomer = CompletableFuture.supplyAsync(new PlaceLine(admission)::await);
		// A slow client reconnecting takes the first place the moment it can be taken, before the newcomer looks.
		UploadPlace thief = admission.tryReserveUpload();
		while (thief == null) {
			Thread.onSpinWait();
			thief = admission.tryReserveUpload();
		}
		thief.watch(new SilentSender(System.nanoTime()));

		assertThat(newcomer.get(2, TimeUnit.SECONDS)).as("the newcomer's place").isNotNull();
		assertThat(admission.reclaimedPlaces()).isEqualTo(2);
		assertThat(admission.uploadsInFlight()).isEqualTo(2);
	}

	@Test
	void aNewcomerIsRefusedAtOnceWhenNoSlowSenderHoldsAPlace() {
		Admission admission = new Admission(properties(1000, 2), new DrainMeter(), new ServiceTimeMeter());
		// Uploads whose bytes flow: never waiting for their senders.
		admission.tryReserveUpload();
		admission.tryReserveUpload();

		long started = System.nanoTime();
		UploadPlace place = new PlaceLine(admission).await();

		assertThat(place).isNull();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time to the refusal")
			.isLessThan(Duration.ofMillis(50));
	}

	/** A body whose read has waited for its sender since a given moment. */
	private static final class SilentSender implements BodyProgress {

		private final long since;

		SilentSender(long since) {
			this.since = since;
		}

		@Override
		public long stalledNanos(long now) {
			return now - this.since;
		}

		@Override
		public void cutOff() {
		}

	}

}
