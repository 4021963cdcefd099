package com.example.classifier.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Lua scripts read once from the classpath. {@code RedisScript.of(Resource)} asks its resource for a modification
 * time on every execution (to recompute the SHA when the file changes), a file or nested-jar lookup on the hot path
 * of every job; a script built from its text does none.
 */
public final class LuaScripts {

	private LuaScripts() {
	}

	/**
	 * @param location path on the classpath, e.g. {@code scripts/answer-job.lua}
	 * @param resultType the script's result type
	 * @throws UncheckedIOException when the script is not on the classpath
	 */
	public static <T> RedisScript<T> load(String location, Class<T> resultType) {
		return RedisScript.of(text(location), resultType);
	}

	/**
	 * The script's source, for a caller that runs it with EVAL on a connection of its own.
	 * @throws UncheckedIOException when the script is not on the classpath
	 */
	public static String text(String location) {
		try (InputStream in = new ClassPathResource(location).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Lua script " + location + " could not be read", ex);
		}
	}

}
