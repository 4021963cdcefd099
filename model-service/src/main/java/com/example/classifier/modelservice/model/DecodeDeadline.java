package com.example.classifier.modelservice.model;

import java.awt.image.BufferedImage;
import java.time.Duration;

import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.event.IIOReadUpdateListener;

/**
 * Aborts a reader that decodes for longer than its time. The JDK's readers report progress on the decoding thread
 * (the JPEG reader after every row of every scan, PNG, GIF and BMP after every row, TIFF after every tile or strip) and
 * check their abort flag as often; the check is made in those callbacks because the JPEG reader refuses
 * {@code abort()} from any other thread while it reads. One {@code System.nanoTime()} a row: nothing measurable
 * against the decode itself.
 */
final class DecodeDeadline implements IIOReadUpdateListener, IIOReadProgressListener {

	private final ImageReader reader;

	private final long deadline;

	private boolean passed;

	private DecodeDeadline(ImageReader reader, Duration timeout) {
		this.reader = reader;
		this.deadline = System.nanoTime() + timeout.toNanos();
	}

	static DecodeDeadline watch(ImageReader reader, Duration timeout) {
		DecodeDeadline deadline = new DecodeDeadline(reader, timeout);
		reader.addIIOReadUpdateListener(deadline);
		reader.addIIOReadProgressListener(deadline);
		return deadline;
	}

	/** True when the reader was aborted for taking too long. */
	boolean passed() {
		return this.passed;
	}

	private void check() {
		if (!this.passed && System.nanoTime() - this.deadline > 0) {
			this.passed = true;
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
