package com.example.classifier.api.predict;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses an upload (503 with Retry-After) before its body is read when the queue is known to be full. Under overload
 * a refusal then costs no multipart parsing, copy, inspection or hash, and a client that waits for
 * {@code 100 Continue} (curl does for large files) never sends the photo at all. Multipart bodies are parsed lazily
 * ({@code resolve-lazily}), so nothing has read the body when this runs; it runs before the page's CSRF check, which
 * would read it. The bounded enqueue still has the last word for the uploads let through.
 */
@Configuration(proxyBeanMethods = false)
class EarlyAdmission implements WebMvcConfigurer, HandlerInterceptor {

	/** Optional: MVC slice tests load every WebMvcConfigurer, most of them without the service. */
	private final ObjectProvider<ClassificationService> classifications;

	EarlyAdmission(ObjectProvider<ClassificationService> classifications) {
		this.classifications = classifications;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/", "/predict", "/jobs").order(Ordered.HIGHEST_PRECEDENCE);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		// Only the request itself: the async re-dispatch of an answered request must not be refused afterwards.
		if (request.getDispatcherType() == DispatcherType.REQUEST && "POST".equals(request.getMethod())) {
			this.classifications.ifAvailable(ClassificationService::admit);
		}
		return true;
	}

}
