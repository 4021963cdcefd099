package com.example.classifier.api.queue;

import com.example.classifier.common.QueueBeans;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The shared queue beans (keys, codec, clock), also for slice tests that import this package's configuration. */
@Configuration(proxyBeanMethods = false)
@Import(QueueBeans.class)
class QueueConfiguration {

}
