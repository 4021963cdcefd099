package com.example.classifier.api.web;

import java.nio.file.Path;

import com.example.classifier.api.upload.ImageFormat;
import com.example.classifier.api.upload.UploadStore;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /display/{name}}: a stored upload, for the result page. Only names the upload store created resolve;
 * anything else, traversal attempts included, is a 404 without a body.
 */
@RestController
class DisplayController {

	private final UploadStore uploads;

	private final CacheControl cacheControl;

	DisplayController(UploadStore uploads, WebPageProperties properties) {
		this.uploads = uploads;
		// The name is the content's hash: the bytes behind it never change, so caches may keep them for good.
		this.cacheControl = CacheControl.maxAge(properties.displayMaxAge()).cachePublic().immutable();
	}

	@GetMapping("/display/{name}")
	ResponseEntity<Resource> display(@PathVariable String name) {
		return this.uploads.find(name)
			.flatMap((file) -> ImageFormat.fromExtension(extension(file))
				.map((format) -> ResponseEntity.ok()
					.contentType(MediaType.parseMediaType(format.mediaType()))
					.cacheControl(this.cacheControl)
					.eTag(name.substring(0, name.indexOf('.')))
					.<Resource>body(new FileSystemResource(file))))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	private static String extension(Path file) {
		String name = file.getFileName().toString();
		return name.substring(name.lastIndexOf('.') + 1);
	}

}
