package com.example.classifier.modelservice.model;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps an engine's native resources from being freed under a running call: calls share a read lock, closing takes
 * it exclusively, and a call after close fails with a clear message instead of touching freed memory.
 */
final class CloseGuard {

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final String name;

	private boolean closed;

	/** @param name what is guarded, for the message of a call after close */
	CloseGuard(String name) {
		this.name = name;
	}

	/**
	 * Runs a call unless closed; any number of calls run at once.
	 * @throws IllegalStateException when already closed
	 */
	<T, E extends Exception> T whileOpen(Call<T, E> call) throws E {
		this.lock.readLock().lock();
		try {
			if (this.closed) {
				throw new IllegalStateException("The classifier " + this.name + " is closed");
			}
			return call.run();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/** Waits for running calls, then releases the resources once; later closes do nothing. */
	<E extends Exception> void close(Release<E> release) throws E {
		this.lock.writeLock().lock();
		try {
			if (!this.closed) {
				this.closed = true;
				release.run();
			}
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	@FunctionalInterface
	interface Call<T, E extends Exception> {

		T run() throws E;

	}

	@FunctionalInterface
	interface Release<E extends Exception> {

		void run() throws E;

	}

}
