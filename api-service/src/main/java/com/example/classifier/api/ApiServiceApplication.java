package com.example.classifier.api;

import com.example.classifier.common.FileSystemPaths;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Takes photo uploads, queues them for the model workers and answers with their classification. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(FileSystemPaths.class)
@EnableScheduling
public class ApiServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ApiServiceApplication.class, args);
	}

}
