package com.example.classifier.api.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import com.example.classifier.api.reliability.RawHttp.Exchange;

/**
 * A steady stream of users: one new request every {@code interval}, whether or not earlier ones have been answered
 * (an open loop, as real traffic is), each exchange timed. A request that gets no HTTP answer (connection refused or
 * reset, client timeout) is recorded as such, not thrown.
 */
final class RequestStream {

	private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());

	private final List<CompletableFuture<Void>> pending = Collections.synchronizedList(new ArrayList<>());

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final Thread sender;

	RequestStream(RawHttp http, List<byte[]> photos, Duration interval, Duration timeout) {
		this.sender = new Thread(() -> {
			for (int i = 0; this.running.get(); i++) {
				long started = System.nanoTime();
				this.pending.add(http.postFileAsync(photos.get(i % photos.size()), "stream.jpg", timeout)
					.handle((answer, error) -> {
						this.sent.add(new Sent(started, System.nanoTime(), answer, error));
						return null;
					}));
				try {
					Thread.sleep(interval.toMillis());
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "request-stream");
		this.sender.start();
	}

	/** Waits until some request started after {@code since} got an answer matching {@code condition}. */
	Sent awaitAnswer(long since, Predicate<Exchange> condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			synchronized (this.sent) {
				for (Sent one : this.sent) {
					if (one.startedNanos() >= since && one.answer() != null && condition.test(one.answer())) {
						return one;
					}
				}
			}
			try {
				// Answers arrive on the HTTP client's threads; this only looks at what has arrived.
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return null;
	}

	/** Stops sending and waits for every request sent to end, one way or another. */
	List<Sent> stop() throws InterruptedException {
		this.running.set(false);
		this.sender.join();
		CompletableFuture.allOf(this.pending.toArray(CompletableFuture[]::new)).join();
		synchronized (this.sent) {
			return List.copyOf(this.sent);
		}
	}

	/** One request: when it started and ended, and its answer or the error that stood in for one. */
	record Sent(long startedNanos, long endedNanos, Exchange answer, Throwable error) {

		long millis() {
			return (this.endedNanos - this.startedNanos) / 1_000_000;
		}

		int status() {
			return (this.answer != null) ? this.answer.status() : -1;
		}

		String detail() {
			return (this.answer != null && this.answer.status() != 200) ? this.answer.json().get("detail").asString()
					: null;
		}

	}

}
