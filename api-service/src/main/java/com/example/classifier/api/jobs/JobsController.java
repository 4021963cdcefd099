package com.example.classifier.api.jobs;

import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;

import com.example.classifier.api.models.ModelRouter;
import com.example.classifier.api.predict.ClassificationService;
import com.example.classifier.api.predict.ClassificationService.QueuedJob;
import com.example.classifier.api.queue.JobQueue;
import com.example.classifier.api.queue.JobResults;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * Jobs for clients that do not want to hold a connection open: {@code POST /jobs} queues a photo (for the model an
 * optional {@code model} names) and answers 202 at once with the job's location; {@code GET /jobs/{id}} tells its status and, once done, its classification (also for
 * jobs submitted through {@code POST /predict}, while their result is kept).
 */
@RestController
class JobsController {

	private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private final ClassificationService classifications;

	private final JobQueue queue;

	private final JobResults results;

	private final ModelRouter router;

	JobsController(ClassificationService classifications, JobQueue queue, JobResults results, ModelRouter router) {
		this.classifications = classifications;
		this.queue = queue;
		this.results = results;
		this.router = router;
	}

	@PostMapping(path = "/jobs", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<JobStatusResponse> submit(@RequestParam("file") MultipartFile file,
			@RequestParam(name = "model", required = false) String model) throws IOException {
		QueuedJob job = this.classifications.enqueue(file.getBytes(), this.router.route(model));
		return ResponseEntity.accepted()
			.location(URI.create("/jobs/" + job.jobId()))
			.body(JobStatusResponse.queued(job.jobId(), job.filename()));
	}

	@GetMapping(path = "/jobs/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	JobStatusResponse status(@PathVariable String id) {
		if (!JOB_ID.matcher(id).matches()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No job " + id);
		}
		return this.results.find(id)
			.map(JobStatusResponse::of)
			.orElseGet(() -> {
				if (this.queue.isKnown(id)) {
					return JobStatusResponse.queued(id, null);
				}
				throw new ResponseStatusException(HttpStatus.NOT_FOUND,
						"No job " + id + " (unknown, or its result has expired)");
			});
	}

}
