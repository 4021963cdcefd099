package com.example.classifier.modelservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Model worker: takes classification jobs from Redis, runs the CNN, writes the answers back. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ModelServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ModelServiceApplication.class, args);
	}

}
