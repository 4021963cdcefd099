package com.example.classifier.common;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;

/**
 * Binds {@code Path} settings (MODEL_PATH, UPLOAD_DIR, ...) as plain file system paths, relative ones against the
 * working directory. Spring's own String-to-Path conversion goes through resource loading, which rejects a relative
 * path that climbs out with {@code ..} (e.g. {@code MODEL_PATH=../shared/models/...}) as "normalized to null".
 */
@Configuration(proxyBeanMethods = false)
public class FileSystemPaths {

	@Bean
	@ConfigurationPropertiesBinding
	static Converter<String, Path> fileSystemPath() {
		return new StringToPath();
	}

	static final class StringToPath implements Converter<String, Path> {

		@Override
		public Path convert(String source) {
			return Path.of(source.trim());
		}

	}

}
