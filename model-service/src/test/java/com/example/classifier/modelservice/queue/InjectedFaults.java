package com.example.classifier.modelservice.queue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.example.classifier.common.JobCodec;
import com.example.classifier.common.Prediction;
import com.example.classifier.common.RedisKeys;
import com.example.classifier.common.test.Fixtures;
import com.example.classifier.modelservice.image.DecodeBudget;
import com.example.classifier.modelservice.image.PreparedImage;
import com.example.classifier.modelservice.image.UnreadableImageException;
import com.example.classifier.modelservice.model.ImageClassifier;
import com.example.classifier.modelservice.model.ServedModel;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.connection.RedisConnection;

/**
 * Faults no upload can cause any more, for tests of what happens when something throws anyway: the real classifier
 * and job source, wrapped so that a photo marked in a JPEG comment makes preparing it throw a StackOverflowError or the
 * engine throw an OutOfMemoryError on its batch, and so that the next take can be made to throw an Error.
 */
@TestConfiguration(proxyBeanMethods = false)
class InjectedFaults {

	/** Marks a photo whose preparation throws a StackOverflowError. */
	static final String PREPARE = "prepare";

	/** Marks a photo on whose batch the engine throws an OutOfMemoryError. */
	static final String CLASSIFY = "classify";

	private static final Set<PreparedImage> poisoned = Collections.synchronizedSet(
			Collections.newSetFromMap(new IdentityHashMap<>()));

	private static volatile Error nextTake;

	/** dog.jpg with a comment segment naming the fault (and a fresh id, so the result cache never answers it). */
	static byte[] marked(String fault) {
		byte[] dog = Fixtures.imageBytes("dog.jpg");
		byte[] text = ("fault:" + fault + ":" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
		ByteArrayOutputStream out = new ByteArrayOutputStream(dog.length + text.length + 4);
		out.write(dog, 0, 2);
		out.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xFE, 0, (byte) (text.length + 2) });
		out.writeBytes(text);
		out.write(dog, 2, dog.length - 2);
		return out.toByteArray();
	}

	/** The next call to take jobs throws this, and its thread dies of it. */
	static void failNextTake(Error error) {
		nextTake = error;
	}

	private static boolean isMarked(byte[] image, String fault) {
		String head = new String(image, 0, Math.min(image.length, 128), StandardCharsets.US_ASCII);
		return head.contains("fault:" + fault + ":");
	}

	@Bean
	@Primary
	ImageClassifier faultyClassifier(@Qualifier("imageClassifier") ImageClassifier real) {
		return new ImageClassifier() {

			@Override
			public String modelId() {
				return real.modelId();
			}

			@Override
			public PreparedImage prepare(byte[] imageBytes, DecodeBudget budget) throws UnreadableImageException {
				if (isMarked(imageBytes, PREPARE)) {
					throw new StackOverflowError("injected by InjectedFaults");
				}
				PreparedImage image = real.prepare(imageBytes, budget);
				if (isMarked(imageBytes, CLASSIFY)) {
					poisoned.add(image);
				}
				return image;
			}

			@Override
			public List<List<Prediction>> classify(List<PreparedImage> batch) {
				if (batch.stream().anyMatch(poisoned::contains)) {
					throw new OutOfMemoryError("injected by InjectedFaults");
				}
				return real.classify(batch);
			}

			@Override
			public void close() {
				// The real classifier is closed by its own bean.
			}

		};
	}

	@Bean
	@Primary
	JobSource faultyJobSource(RedisKeys keys, JobCodec codec, JobInputs inputs,
			@Qualifier("imageClassifier") ImageClassifier classifier, QueueProperties queue, WorkerProperties worker,
			ServedModel served) {
		return new JobSource(keys, codec, inputs, classifier, queue, worker, served) {

			@Override
			List<TakenJob> take(RedisConnection connection) {
				Error error = nextTake;
				if (error != null) {
					nextTake = null;
					throw error;
				}
				return super.take(connection);
			}

		};
	}

}
