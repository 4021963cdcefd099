package com.example.classifier.api.system;

import com.example.classifier.api.queue.QueueProperties;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets the queue's own request timeout (which answers 504 with a clear message) fire before the servlet container's
 * async timeout would cut the request off.
 */
@Configuration(proxyBeanMethods = false)
class AsyncConfiguration implements WebMvcConfigurer {

	private final QueueProperties queue;

	AsyncConfiguration(QueueProperties queue) {
		this.queue = queue;
	}

	@Override
	public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
		configurer.setDefaultTimeout(this.queue.requestTimeout().plusSeconds(10).toMillis());
	}

}
