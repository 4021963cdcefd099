package com.example.classifier.common;

import java.util.ArrayList;
import java.util.List;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The keys matching a pattern, by SCAN (never KEYS, which blocks Redis). Spring Data's Jedis cursor lets the client's
 * own exceptions through untranslated; here every failure is a {@link DataAccessException}, as for any other command,
 * so callers handle a Redis outage in one way.
 */
public final class KeyScan {

	private KeyScan() {
	}

	/**
	 * @throws DataAccessException when Redis cannot be read
	 */
	public static List<String> keys(StringRedisTemplate redis, String pattern) {
		List<String> keys = new ArrayList<>();
		try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match(pattern).count(100).build())) {
			cursor.forEachRemaining(keys::add);
		}
		catch (DataAccessException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new RedisConnectionFailureException("SCAN " + pattern + " failed: " + ex.getMessage(), ex);
		}
		return keys;
	}

}
