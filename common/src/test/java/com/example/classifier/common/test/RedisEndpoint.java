package com.example.classifier.common.test;

/** Where a test's Redis listens, whichever way it was started. */
public interface RedisEndpoint {

	String host();

	int port();

}
