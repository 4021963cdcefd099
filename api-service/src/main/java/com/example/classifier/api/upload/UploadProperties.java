package com.example.classifier.api.upload;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where uploads go and what they may be. The byte limit itself is Spring's
 * {@code spring.servlet.multipart.max-file-size} (env {@code UPLOAD_MAX_SIZE}).
 *
 * @param dir directory of stored uploads, named by content hash
 * @param maxPixels largest width × height accepted; checked from the header, before any pixel is decoded, so a
 * decompression bomb never reaches a decoder
 */
@Validated
@ConfigurationProperties("upload")
public record UploadProperties(@DefaultValue("${java.io.tmpdir}/image-classifier/uploads") @NotNull Path dir,
		@DefaultValue("40000000") @Positive long maxPixels) {
}
