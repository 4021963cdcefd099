package com.example.classifier.modelservice.model.catalog;

import java.nio.file.Path;
import java.util.List;

/** No source gave a verified copy of a file; the message lists each one tried and how to get the file by hand. */
public class DownloadFailedException extends Exception {

	DownloadFailedException(Artifact artifact, Path target, List<String> failures) {
		super(message(artifact, target, failures));
	}

	private static String message(Artifact artifact, Path target, List<String> failures) {
		StringBuilder text = new StringBuilder("Could not get ").append(artifact.fileName())
			.append(" (about ")
			.append(artifact.approximateBytes() >> 20)
			.append(" MB). Sources tried:");
		for (int i = 0; i < failures.size(); i++) {
			text.append("\n  ").append(i + 1).append(". ").append(failures.get(i));
		}
		String url = artifact.sources().get(0).toString();
		text.append("\nTo get it by hand, on a machine with internet: curl -fL -o ")
			.append(artifact.fileName())
			.append(' ')
			.append(url)
			.append(" ; check its ")
			.append(artifact.checksum())
			.append(" ; then copy it to ")
			.append(target)
			.append(" (model.cache-dir / MODEL_CACHE_DIR), or run ./run-local.sh --fetch-model where there is a network.");
		return text.toString();
	}

}
