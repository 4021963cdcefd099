package com.example.classifier.modelservice.model;

import com.example.classifier.common.ModelName;

/**
 * The model this worker serves, by the name requests choose it by ({@link ModelProperties#routeName()}): it takes jobs
 * from that model's queue only, announces it in its heartbeat and tags its metrics with it.
 *
 * @param name the route name
 */
public record ServedModel(ModelName name) {
}
