package com.example.classifier.api.upload;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.example.classifier.api.queue.QueueFullException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Bounds the upload bytes held in memory at once to {@code upload.memory-budget} (a quarter of the heap unless set).
 * Each upload is charged four times its declared length before its body is read (see {@link #COPIES}). Without it,
 * up to {@code queue.max-depth} uploads of 10 MB each could be read at once, with their copies: about 40 GB for 1000.
 * An upload the budget cannot hold now is refused with 503 and Retry-After, before its body is read.
 */
@Component
public class UploadMemoryBudget {

	/**
	 * Bytes held per byte uploaded: the array, the copy the inspector reads without the colour profile, the image
	 * reader's memory cache of what it read to find the size, and the parser's part. Measured: a 9 MB upload
	 * allocated 38 MB on its request thread ({@code UploadMemoryTests}).
	 */
	static final int COPIES = 4;

	private final long budget;

	private final long largestRequest;

	private final AtomicLong charged = new AtomicLong();

	UploadMemoryBudget(UploadProperties properties,
			@Value("${spring.servlet.multipart.max-request-size:11MB}") DataSize largestRequest, MeterRegistry meters) {
		this.budget = properties.memoryBudget().toBytes();
		this.largestRequest = largestRequest.toBytes();
		Gauge.builder("classifier.uploads.memory.bytes", this.charged, AtomicLong::get)
			.description("Upload bytes charged against upload.memory-budget (uploads being read and checked)")
			.baseUnit("bytes")
			.register(meters);
		Gauge.builder("classifier.uploads.memory.budget", () -> this.budget)
			.description("upload.memory-budget")
			.baseUnit("bytes")
			.register(meters);
	}

	/**
	 * Charges an upload of {@code contentLength} bytes (-1 when not declared: the largest request accepted). One
	 * upload alone is always let in, however large the charge.
	 * @throws QueueFullException (503 with Retry-After) when the budget cannot hold it now
	 */
	public Lease take(long contentLength) {
		long length = (contentLength < 0) ? this.largestRequest : Math.min(contentLength, this.largestRequest);
		long charge = Math.min(this.budget, length * COPIES);
		while (true) {
			long now = this.charged.get();
			if (now + charge > this.budget) {
				throw new QueueFullException("The service is busy reading other uploads; please retry in 1 s.",
						Duration.ofSeconds(1));
			}
			if (this.charged.compareAndSet(now, now + charge)) {
				return new Lease(charge);
			}
		}
	}

	long charged() {
		return this.charged.get();
	}

	/** Bytes charged for one upload; given back once, however many ways its request ends. */
	public final class Lease {

		private final long bytes;

		private final AtomicBoolean released = new AtomicBoolean();

		private Lease(long bytes) {
			this.bytes = bytes;
		}

		public void release() {
			if (this.released.compareAndSet(false, true)) {
				UploadMemoryBudget.this.charged.addAndGet(-this.bytes);
			}
		}

	}

}
