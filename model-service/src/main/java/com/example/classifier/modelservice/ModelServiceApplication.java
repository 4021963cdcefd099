package com.example.classifier.modelservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Model worker: takes classification jobs from Redis, runs the CNN, writes the answers back. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ModelServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ModelServiceApplication.class, args);
	}

}
