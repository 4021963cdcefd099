package com.example.classifier.api.system;

import java.io.IOException;

import com.example.classifier.api.predict.ClassificationService;
import com.example.classifier.api.queue.BodyProgress;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One INFO line per request with method, path, status, duration (and for an upload, how much of it went to reading
 * the body) and job id, written when the response is final
 * (after the async dispatch for requests that waited for a worker). Probes log at DEBUG so they do not drown the rest.
 */
@Component
class RequestLogFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger("request");

	private static final String STARTED = RequestLogFilter.class.getName() + ".started";

	private static final String JOB = RequestLogFilter.class.getName() + ".job";

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getAttribute(STARTED) == null) {
			request.setAttribute(STARTED, System.nanoTime());
		}
		restoreJobId(request);
		try {
			chain.doFilter(request, response);
		}
		finally {
			String jobId = MDC.get(ClassificationService.JOB_ID);
			if (jobId != null) {
				request.setAttribute(JOB, jobId);
			}
			if (!isAsyncStarted(request)) {
				logRequest(request, response);
			}
			MDC.remove(ClassificationService.JOB_ID);
		}
	}

	private static void restoreJobId(HttpServletRequest request) {
		Object jobId = request.getAttribute(JOB);
		if (jobId != null) {
			MDC.put(ClassificationService.JOB_ID, jobId.toString());
		}
	}

	private static void logRequest(HttpServletRequest request, HttpServletResponse response) {
		long started = (Long) request.getAttribute(STARTED);
		long millis = (System.nanoTime() - started) / 1_000_000;
		String line = "{} {} {} {} ms";
		Object[] args = { request.getMethod(), request.getRequestURI(), response.getStatus(), millis };
		// An upload's own time apart: a slow sender's (or a busy machine's) seconds are not the queue's.
		if (request.getAttribute(BodyProgress.ATTRIBUTE) instanceof BodyProgress body && body.readWholeAt() != 0) {
			line += " (upload read in {} ms)";
			args = new Object[] { args[0], args[1], args[2], args[3],
					Math.max(0, (body.readWholeAt() - started) / 1_000_000) };
		}
		if (request.getRequestURI().startsWith("/actuator")) {
			log.debug(line, args);
		}
		else {
			log.info(line, args);
		}
	}

}
