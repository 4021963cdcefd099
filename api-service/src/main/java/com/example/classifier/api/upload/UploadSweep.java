package com.example.classifier.api.upload;

import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the upload directory's sweep every {@code upload.sweep-interval} (see {@link UploadQuota#sweep()}). */
@Component
class UploadSweep {

	private static final Logger log = LoggerFactory.getLogger(UploadSweep.class);

	private final UploadStore store;

	UploadSweep(UploadStore store) {
		this.store = store;
	}

	@Scheduled(fixedDelayString = "${upload.sweep-interval:1m}", initialDelayString = "${upload.sweep-interval:1m}")
	void sweep() {
		try {
			this.store.sweep();
		}
		catch (UncheckedIOException ex) {
			log.warn("Upload sweep skipped: {}", ex.getMessage());
		}
	}

}
