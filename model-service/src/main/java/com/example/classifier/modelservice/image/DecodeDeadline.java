package com.example.classifier.modelservice.image;

import java.awt.image.BufferedImage;
import java.time.Duration;

import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.event.IIOReadUpdateListener;

/**
 * Stops a reader that decodes for longer than its time, two ways, both on the decoding thread. The JDK's readers
 * report progress (the JPEG reader after every row of every scan, PNG, GIF and BMP after every row, TIFF after every
 * tile or strip) and check their abort flag as often: the reader is aborted from those callbacks, because the JPEG
 * reader refuses {@code abort()} from any other thread while it reads. Aborted, the JPEG reader still decodes the
 * rest of its scans' data (only their delivery stops: a 1 ms deadline ended a 445 ms progressive decode after 295 ms),
 * so the stream it reads from ({@link #passed()} is its stop condition) also throws at its next read. With both, a
 * 2400 × 1800 progressive JPEG (479 ms whole) was refused 17 ms after the start with a 1 ms deadline and 60 ms with a
 * 50 ms one; a PNG (85 ms whole) 23 and 52 ms. One {@code System.nanoTime()} a row or a read: nothing measurable
 * against the decode itself.
 */
final class DecodeDeadline implements IIOReadUpdateListener, IIOReadProgressListener {

	private final long deadline;

	private ImageReader reader;

	private boolean passed;

	private boolean aborted;

	DecodeDeadline(Duration timeout) {
		this.deadline = System.nanoTime() + timeout.toNanos();
	}

	/** Aborts this reader, from its own callbacks, once the deadline has passed. */
	void watch(ImageReader reader) {
		this.reader = reader;
		reader.addIIOReadUpdateListener(this);
		reader.addIIOReadProgressListener(this);
	}

	/** True once the deadline has passed. */
	boolean passed() {
		if (!this.passed && System.nanoTime() - this.deadline > 0) {
			this.passed = true;
		}
		return this.passed;
	}

	private void check() {
		if (passed() && !this.aborted && this.reader != null) {
			this.aborted = true;
			this.reader.abort();
		}
	}

	@Override
	public void imageUpdate(ImageReader source, BufferedImage image, int minX, int minY, int width, int height,
			int periodX, int periodY, int[] bands) {
		check();
	}

	@Override
	public void passStarted(ImageReader source, BufferedImage image, int pass, int minPass, int maxPass, int minX,
			int minY, int periodX, int periodY, int[] bands) {
		check();
	}

	@Override
	public void passComplete(ImageReader source, BufferedImage image) {
		check();
	}

	@Override
	public void imageProgress(ImageReader source, float percentageDone) {
		check();
	}

	@Override
	public void thumbnailPassStarted(ImageReader source, BufferedImage thumbnail, int pass, int minPass, int maxPass,
			int minX, int minY, int periodX, int periodY, int[] bands) {
	}

	@Override
	public void thumbnailUpdate(ImageReader source, BufferedImage thumbnail, int minX, int minY, int width,
			int height, int periodX, int periodY, int[] bands) {
	}

	@Override
	public void thumbnailPassComplete(ImageReader source, BufferedImage thumbnail) {
	}

	@Override
	public void sequenceStarted(ImageReader source, int minIndex) {
	}

	@Override
	public void sequenceComplete(ImageReader source) {
	}

	@Override
	public void imageStarted(ImageReader source, int imageIndex) {
	}

	@Override
	public void imageComplete(ImageReader source) {
	}

	@Override
	public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
	}

	@Override
	public void thumbnailProgress(ImageReader source, float percentageDone) {
	}

	@Override
	public void thumbnailComplete(ImageReader source) {
	}

	@Override
	public void readAborted(ImageReader source) {
	}

}
