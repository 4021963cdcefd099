package com.example.classifier.common.test;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Turns every aborted test (a failed assumption, wherever it was made) into a failure, unless
 * {@code -Dtests.allow-skips=true}. Registered for every test of every module through JUnit's extension
 * auto-detection ({@code META-INF/services}, switched on in the root pom), so a skip cannot pass CI unnoticed.
 */
public final class NoSilentSkips implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
		throw failIfAborted(throwable);
	}

	@Override
	public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
			throws Throwable {
		throw failIfAborted(throwable);
	}

	@Override
	public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
			throws Throwable {
		throw failIfAborted(throwable);
	}

	static Throwable failIfAborted(Throwable throwable) {
		if (throwable instanceof TestAbortedException && !Prerequisites.skipsAllowed()) {
			AssertionError failure = new AssertionError("Test aborted (" + throwable.getMessage() + "); a skipped test "
					+ "fails the build unless -D" + Prerequisites.ALLOW_SKIPS + "=true");
			failure.initCause(throwable);
			return failure;
		}
		return throwable;
	}

}
