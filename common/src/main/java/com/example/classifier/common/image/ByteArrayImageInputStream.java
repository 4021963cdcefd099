package com.example.classifier.common.image;

import java.io.IOException;
import java.util.function.BooleanSupplier;

import javax.imageio.IIOException;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An image input stream over bytes already in memory that knows its length. The JDK's readers check declared sizes
 * against {@link #length()} only when it is known: over a {@code MemoryCacheImageInputStream} (length -1) a 131-byte
 * TIFF declaring {@code StripByteCounts = 0x7FFFFFFF} made the TIFF reader allocate the declared count and fail with
 * {@code OutOfMemoryError: Requested array size exceeds VM limit}; over this stream it throws "Data segment out of
 * stream" while reading the header. Nothing is copied or cached, so it also costs less than the memory cache. (The same
 * class exists in TwelveMonkeys' imageio-core; these few lines spare both services that dependency.) A reader can be
 * stopped through it: once {@code stop} says so, every read throws, which ends even the JPEG reader's native decoding
 * at its next refill of 4 KB.
 */
public final class ByteArrayImageInputStream extends ImageInputStreamImpl {

	private final byte[] bytes;

	private final BooleanSupplier stop;

	public ByteArrayImageInputStream(byte[] bytes) {
		this(bytes, () -> false);
	}

	public ByteArrayImageInputStream(byte[] bytes, BooleanSupplier stop) {
		this.bytes = bytes;
		this.stop = stop;
	}

	@Override
	public int read() throws IOException {
		checkStopped();
		this.bitOffset = 0;
		if (this.streamPos >= this.bytes.length) {
			return -1;
		}
		return this.bytes[(int) this.streamPos++] & 0xFF;
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		checkStopped();
		if (offset < 0 || length < 0 || length > target.length - offset) {
			throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + target.length);
		}
		this.bitOffset = 0;
		if (length == 0) {
			return 0;
		}
		if (this.streamPos >= this.bytes.length) {
			return -1;
		}
		int count = (int) Math.min(length, this.bytes.length - this.streamPos);
		System.arraycopy(this.bytes, (int) this.streamPos, target, offset, count);
		this.streamPos += count;
		return count;
	}

	@Override
	public long length() {
		return this.bytes.length;
	}

	private void checkStopped() throws IOException {
		checkClosed();
		if (this.stop.getAsBoolean()) {
			throw new IIOException("Reading was stopped");
		}
	}

}
