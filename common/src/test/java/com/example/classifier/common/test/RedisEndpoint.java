package com.example.classifier.common.test;

/** Where a test's Redis listens, whichever way it was started, and how to log in to it. */
public interface RedisEndpoint {

	String host();

	int port();

	/** ACL user name, or null for Redis's default user. */
	default String username() {
		return null;
	}

	/** Password, or null when this Redis requires none. */
	default String password() {
		return null;
	}

}
