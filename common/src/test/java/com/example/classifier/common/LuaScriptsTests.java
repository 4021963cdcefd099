package com.example.classifier.common;

import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.script.DigestUtils;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LuaScriptsTests {

	@Test
	void aScriptIsReadOnceAndKnowsItsDigest() {
		String text = LuaScripts.text("scripts/test-echo.lua");
		RedisScript<String> script = LuaScripts.load("scripts/test-echo.lua", String.class);

		assertThat(text).contains("return ARGV[1]");
		assertThat(script.getScriptAsString()).isEqualTo(text);
		assertThat(script.getSha1()).isEqualTo(DigestUtils.sha1DigestAsHex(text));
	}

	@Test
	void aMissingScriptFailsAtOnceNamingIt() {
		assertThatThrownBy(() -> LuaScripts.load("scripts/no-such.lua", Long.class))
			.isInstanceOf(UncheckedIOException.class)
			.hasMessageContaining("scripts/no-such.lua");
	}

}
