package com.example.classifier.common.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts the test class's Redis ({@link RedisServerExtension}) with authentication required, as a deployment's Redis
 * is: with only a password, the default user needs it ({@code requirepass}); with a user name too, that ACL user gets
 * the password and every right, and the default user is switched off. {@link RedisServerExtension#registerProperties}
 * then passes the credentials to the application under test.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RedisPassword {

	String value();

	/** ACL user to create; empty = Redis's default user. */
	String user() default "";

}
