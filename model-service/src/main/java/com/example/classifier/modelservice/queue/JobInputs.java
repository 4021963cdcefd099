package com.example.classifier.modelservice.queue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import com.example.classifier.common.Backoff;
import com.example.classifier.common.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Fetches what a batch of taken jobs needs before it can run: each job's image (stored apart from its list element)
 * and any cached answer for the same image and model, in one MGET.
 */
@Component
class JobInputs {

	private static final Logger log = LoggerFactory.getLogger(JobInputs.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final Clock clock;

	JobInputs(StringRedisTemplate redis, RedisKeys keys, Clock clock) {
		this.redis = redis;
		this.keys = keys;
		this.clock = clock;
	}

	/**
	 * One {@link Input} per job, in order. The jobs are in this worker's processing list, and nothing else would ever
	 * run them, so while Redis is unreachable this keeps trying until every job's deadline has passed (then the jobs
	 * come back without images and are answered as such).
	 */
	List<Input> fetch(String modelId, List<TakenJob> jobs) {
		List<TakenJob> missing = jobs.stream().filter((taken) -> taken.inputs() == null).toList();
		Iterator<Input> fetched = missing.isEmpty() ? Collections.emptyIterator()
				: inputs(missing, multiGet(missing, keys(modelId, missing))).iterator();
		List<Input> inputs = new ArrayList<>(jobs.size());
		for (TakenJob taken : jobs) {
			inputs.add((taken.inputs() != null) ? taken.inputs() : fetched.next());
		}
		return inputs;
	}

	/** The keys of these jobs' inputs, their images then their cached answers (read by MGET or take-waiting.lua). */
	byte[][] keys(String modelId, List<TakenJob> jobs) {
		byte[][] keys = new byte[2 * jobs.size()][];
		for (int i = 0; i < jobs.size(); i++) {
			keys[i] = utf8(this.keys.image(jobs.get(i).job().id()));
			keys[jobs.size() + i] = utf8(this.keys.cachedResult(modelId, jobs.get(i).job().imageSha256()));
		}
		return keys;
	}

	/** The jobs' inputs from the values read at {@link #keys}, in the same order. */
	List<Input> inputs(List<TakenJob> jobs, List<byte[]> values) {
		List<Input> inputs = new ArrayList<>(jobs.size());
		for (int i = 0; i < jobs.size(); i++) {
			byte[] cached = values.get(jobs.size() + i);
			inputs.add(new Input(values.get(i), (cached != null) ? new String(cached, StandardCharsets.UTF_8) : null));
		}
		return inputs;
	}

	private List<byte[]> multiGet(List<TakenJob> jobs, byte[][] keys) {
		Backoff backoff = new Backoff();
		while (true) {
			try {
				List<byte[]> values = this.redis
					.execute((RedisCallback<List<byte[]>>) (connection) -> connection.stringCommands().mGet(keys));
				return (values != null) ? values : Collections.nCopies(keys.length, null);
			}
			catch (DataAccessException ex) {
				if (jobs.stream().allMatch((taken) -> taken.job().isExpired(this.clock.instant())) || !backoff.pause()) {
					return Collections.nCopies(keys.length, null);
				}
				log.warn("Images of {} taken job(s) not read ({}); retrying", jobs.size(), ex.getMessage());
			}
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * @param image the uploaded bytes; null when they are gone (the job outlived its image)
	 * @param cachedResult the cached answer's JSON for this image and model, or null
	 */
	record Input(byte[] image, String cachedResult) {
	}

}
