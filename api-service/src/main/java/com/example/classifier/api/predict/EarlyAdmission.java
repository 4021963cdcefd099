package com.example.classifier.api.predict;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.example.classifier.api.models.ModelRouter;
import com.example.classifier.api.queue.BodyProgress;
import com.example.classifier.api.queue.UploadPlace;
import com.example.classifier.api.upload.UploadMemoryBudget;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.AsyncHandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Takes a place in the queue for an upload before its body is read, or refuses it (503 with Retry-After) when the
 * queue and the uploads already being read leave none. Under overload a refusal then costs no multipart parsing,
 * copy, inspection or hash, and a client that waits for {@code 100 Continue} (curl does for large files) never sends
 * the photo at all; a burst lets in only as many uploads as can still be queued, instead of reading hundreds to
 * refuse them at the enqueue. Multipart bodies are parsed lazily ({@code resolve-lazily}), so nothing has read the
 * body when this runs; it runs before the page's CSRF check, which would read it. The bounded enqueue still has the
 * last word for the uploads let through. The place is held only while the body's bytes flow ({@link BodyProgress},
 * from the request attribute the upload package's read limits put there); the upload is also charged against the
 * memory budget, and refused (503) when that is spent. The place is in the queue of the model a {@code model} query
 * parameter names (the body, which may name it as a form field, is not read yet); without one, in the default
 * model's: the model's own bounded enqueue still decides.
 */
@Configuration(proxyBeanMethods = false)
class EarlyAdmission implements WebMvcConfigurer, AsyncHandlerInterceptor {

	private static final String PLACE = EarlyAdmission.class.getName() + ".place";

	private static final String MEMORY = EarlyAdmission.class.getName() + ".memory";

	/** Optional, as the budget: MVC slice tests load every WebMvcConfigurer, most of them without the service. */
	private final ObjectProvider<ClassificationService> classifications;

	private final ObjectProvider<UploadMemoryBudget> memory;

	private final ObjectProvider<ModelRouter> router;

	EarlyAdmission(ObjectProvider<ClassificationService> classifications, ObjectProvider<UploadMemoryBudget> memory,
			ObjectProvider<ModelRouter> router) {
		this.classifications = classifications;
		this.memory = memory;
		this.router = router;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/", "/predict", "/jobs").order(Ordered.HIGHEST_PRECEDENCE);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		// Only the request itself: the async re-dispatch of an answered request must not be refused afterwards.
		if (request.getDispatcherType() == DispatcherType.REQUEST && "POST".equals(request.getMethod())) {
			ClassificationService service = this.classifications.getIfAvailable();
			ModelRouter models = this.router.getIfAvailable();
			if (service != null && models != null) {
				UploadPlace place = service.reserveUpload(models.admissionRoute(queryModel(request)));
				request.setAttribute(PLACE, place);
				if (place != null && request.getAttribute(BodyProgress.ATTRIBUTE) instanceof BodyProgress body) {
					place.watch(body);
				}
			}
			UploadMemoryBudget budget = this.memory.getIfAvailable();
			if (budget != null) {
				try {
					request.setAttribute(MEMORY, budget.take(request.getContentLengthLong()));
				}
				catch (RuntimeException ex) {
					release(request);
					throw ex;
				}
			}
		}
		return true;
	}

	/** The upload is queued (the request now waits for its answer): the queue's depth counts it from here. */
	@Override
	public void afterConcurrentHandlingStarted(HttpServletRequest request, HttpServletResponse response,
			Object handler) {
		release(request);
	}

	/** Answered without waiting: refused, invalid, queued detached, or the client went away. */
	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		release(request);
	}

	/** The {@code model} query parameter, read without {@code getParameter}, which would parse a multipart body. */
	private static String queryModel(HttpServletRequest request) {
		String query = request.getQueryString();
		String raw = (query != null)
				? UriComponentsBuilder.newInstance().query(query).build().getQueryParams().getFirst("model") : null;
		return (raw != null) ? URLDecoder.decode(raw, StandardCharsets.UTF_8) : null;
	}

	private static void release(HttpServletRequest request) {
		if (request.getAttribute(PLACE) instanceof UploadPlace place) {
			place.release();
		}
		if (request.getAttribute(MEMORY) instanceof UploadMemoryBudget.Lease lease) {
			lease.release();
		}
	}

}
