package com.example.classifier.api.models;

import com.example.classifier.api.queue.LiveModels;
import com.example.classifier.api.queue.ModelQueues;
import com.example.classifier.api.web.ModelPicker;
import com.example.classifier.common.QueueBeans;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * What web slice tests need to route requests by model: the router and the live models it reads from the workers'
 * heartbeats in Redis (a real redis-server where a test registers one; requests naming no model never ask Redis),
 * the per-model queues and the page's picker.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ ModelRouter.class, LiveModels.class, ModelQueues.class, QueueBeans.class, ModelPicker.class })
@ImportAutoConfiguration(DataRedisAutoConfiguration.class)
public class ModelRoutingBeans {

}
