package com.example.classifier.api.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

// Enables its properties itself so that MVC slice tests, which load every WebMvcConfigurer, get them too.
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebPageProperties.class)
class WebConfiguration implements WebMvcConfigurer {

}
