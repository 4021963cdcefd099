package com.example.classifier.api.predict;

import com.example.classifier.common.ClassificationResult;
import com.example.classifier.common.ModelName;

/**
 * A finished classification of one upload.
 *
 * @param jobId id of the job, also usable with {@code GET /jobs/{id}}
 * @param filename stored name of the upload ({@code <sha256>.<ext>}), servable at {@code /display/{filename}}
 * @param result the worker's answer
 * @param elapsedMillis time from receiving the upload to having the answer
 * @param model the model asked, by the name requests choose it by (the result's {@code model} is its id)
 */
public record Classification(String jobId, String filename, ClassificationResult result, long elapsedMillis,
		ModelName model) {
}
