package com.example.classifier.api.predict;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.example.classifier.common.ModelName;

import org.springframework.stereotype.Service;

/**
 * Compare: one photo sent to several models at once, each answer kept beside the others (useful when choosing a
 * model). Each model gets its own job through its own queue and admission; the upload is stored once (by content).
 */
@Service
public class ModelComparison {

	private final ClassificationService classifications;

	ModelComparison(ClassificationService classifications) {
		this.classifications = classifications;
	}

	/**
	 * The answers in the order of the models; fails as the first failed classification did.
	 */
	public CompletableFuture<List<Classification>> compare(byte[] bytes, List<ModelName> models) {
		List<CompletableFuture<Classification>> answers = models.stream()
			.map((model) -> this.classifications.classify(bytes, model))
			.toList();
		return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
			.thenApply((done) -> answers.stream().map(CompletableFuture::join).toList());
	}

}
