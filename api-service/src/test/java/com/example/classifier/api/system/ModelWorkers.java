package com.example.classifier.api.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real model-service workers ({@link ModelServiceProcess}) for a test class, one per id: started before the class
 * (while Spring starts the api), awaited before its first test and stopped after its last, by
 * {@link ModelWorkersExtension}. Put it after {@code @ExtendWith(RedisServerExtension.class)}, whose Redis they use.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ModelWorkersExtension.class)
public @interface ModelWorkers {

	/** The workers' ids ({@code worker.id}), one process each. */
	String[] value();

	/** Extra model-service arguments given to every worker, such as {@code --model.label-style=keras}. */
	String[] args() default {};

}
