package com.example.classifier.api.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.classifier.common.LuaScripts;
import com.example.classifier.common.RedisKeys;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Feedback in Redis: a stream (append-only, ordered, with ids that double as paging cursors) plus one "seen" marker
 * per reported job or photo. Both live under the AOF persistence of the project's {@code redis.conf}. The stream keeps
 * the newest {@code feedback.max-entries} reports; a marker goes with its entry.
 */
@Component
class FeedbackStore {

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> RECORD = LuaScripts.load("scripts/record-feedback.lua", List.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final long maxEntries;

	FeedbackStore(StringRedisTemplate redis, RedisKeys keys, FeedbackProperties properties) {
		this.redis = redis;
		this.keys = keys;
		this.maxEntries = properties.maxEntries();
	}

	/** Appends the report unless {@code subject} was reported before. */
	Appended append(String subject, Map<String, String> fields) {
		List<String> args = new ArrayList<>(fields.size() * 2 + 3);
		args.add(String.valueOf(this.maxEntries));
		args.add(this.keys.feedbackSeen(""));
		args.add(subject);
		fields.forEach((name, value) -> {
			args.add(name);
			args.add(value);
		});
		List<?> answer = this.redis.execute(RECORD, List.of(this.keys.feedback(), this.keys.feedbackSeen(subject)),
				args.toArray());
		return new Appended(String.valueOf(answer.get(1)), ((Number) answer.get(0)).longValue() == 1);
	}

	/** Up to {@code count} reports, oldest first, after the entry {@code afterId} (from the start when null). */
	List<FeedbackEntry> after(String afterId, int count) {
		Range<String> range = (afterId != null)
				? Range.of(Range.Bound.exclusive(afterId), Range.Bound.unbounded()) : Range.unbounded();
		List<MapRecord<String, Object, Object>> records = this.redis.opsForStream()
			.range(this.keys.feedback(), range, Limit.limit().count(count));
		return (records != null) ? records.stream().map(FeedbackEntry::from).toList() : List.of();
	}

	/** Whether the job's result is still kept (results expire; the photo itself is kept longer). */
	boolean isKnownJob(String jobId) {
		return Boolean.TRUE.equals(this.redis.hasKey(this.keys.result(jobId)));
	}

	/** Outcome of {@link #append}: the entry id, and false when an earlier report of the subject was found. */
	record Appended(String id, boolean created) {
	}

}
