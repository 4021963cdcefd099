package com.example.classifier.modelservice.model.catalog;

import java.nio.file.Path;

/**
 * A catalogue model with its file at hand.
 *
 * @param file the verified file in the cache
 * @param artifact what the file is (format, preprocessing, checksum)
 * @param modelId identifies model and weights in answers, cache keys and metrics; says so when it is a fallback
 * @param fallback true when the embedded model stands in for the default one, which could not be had
 */
public record ResolvedModel(Path file, Artifact artifact, String modelId, boolean fallback) {
}
