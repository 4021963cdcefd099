package com.example.classifier.common;

import java.util.List;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Runs commands pipelined, in one round trip, with every failure a {@link DataAccessException}. Spring Data Redis
 * does not translate what Jedis throws while it reads a pipeline's replies: a connection lost or refused then (a
 * wrong password: the api's RedisAuthenticationTests) was left a Jedis exception, where every other Redis failure is
 * a {@link DataAccessException} (the api's 503, the worker's retry).
 */
public final class RedisPipelines {

	private RedisPipelines() {
	}

	/**
	 * @param what what the commands do, for the message of a failure Spring cannot translate
	 * @return each command's reply, in order
	 */
	public static List<Object> run(StringRedisTemplate redis, RedisCallback<Object> commands, String what) {
		try {
			return redis.executePipelined(commands);
		}
		catch (DataAccessException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			DataAccessException translated = redis.getRequiredConnectionFactory().translateExceptionIfPossible(ex);
			throw (translated != null) ? translated
					: new RedisConnectionFailureException("Redis failed the pipelined " + what, ex);
		}
	}

}
