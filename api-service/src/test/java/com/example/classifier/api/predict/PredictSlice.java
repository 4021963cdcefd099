package com.example.classifier.api.predict;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import com.example.classifier.api.models.ModelRoutingBeans;
import com.example.classifier.api.queue.QueueProperties;
import com.example.classifier.api.security.SecurityConfiguration;
import com.example.classifier.api.upload.ImageInspector;
import com.example.classifier.api.upload.UploadProperties;
import com.example.classifier.api.upload.UploadStore;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;

/**
 * The web slice of {@code POST /predict}: the controller with the real inspection, storage, metrics and security,
 * the queue left for the test to replace ({@code @MockitoBean JobQueue}); models routed from the heartbeats in the
 * test's Redis, if it registers one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(PredictController.class)
@Import({ ClassificationService.class, ModelComparison.class, ImageInspector.class, UploadStore.class,
		ClassificationMetrics.class, SimpleMeterRegistry.class, SecurityConfiguration.class, ModelRoutingBeans.class })
@EnableConfigurationProperties({ QueueProperties.class, UploadProperties.class, ApiProperties.class })
@interface PredictSlice {

}
