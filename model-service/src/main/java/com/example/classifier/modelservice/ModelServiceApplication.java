package com.example.classifier.modelservice;

import com.example.classifier.common.FileSystemPaths;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Model worker: takes classification jobs from Redis, runs the CNN, writes the answers back. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(FileSystemPaths.class)
@EnableScheduling
public class ModelServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ModelServiceApplication.class, args);
	}

}
