package com.example.classifier.common.image;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.example.classifier.common.JpegProfiles;

/**
 * The JDK's reader for a detected format, set on the bytes through a stream that knows its length, metadata ignored:
 * how both the api's inspection and the worker's decoder read an image. The reader is chosen by the format the leading
 * bytes name, never by asking every installed reader, so the reader that decodes is the one {@link ImageCheck}'s
 * structural checks were written for. A JPEG's RGB colour profile is left out first (see {@link JpegProfiles}).
 */
public final class OpenImage implements AutoCloseable {

	private final ImageInputStream stream;

	private final ImageReader reader;

	private OpenImage(ImageInputStream stream, ImageReader reader) {
		this.stream = stream;
		this.reader = reader;
	}

	/** @throws IIOException when the JDK has no reader for the format */
	public static OpenImage of(byte[] bytes, ImageType type) throws IOException {
		return of(bytes, type, () -> false);
	}

	/**
	 * A reader whose every read of the bytes throws once {@code stop} says so.
	 * @throws IIOException when the JDK has no reader for the format
	 */
	public static OpenImage of(byte[] bytes, ImageType type, BooleanSupplier stop) throws IOException {
		byte[] input = (type == ImageType.JPEG) ? JpegProfiles.withoutIccProfile(bytes) : bytes;
		Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type.name().toLowerCase(Locale.ROOT));
		if (!readers.hasNext()) {
			throw new IIOException("No " + type + " reader is installed");
		}
		ImageInputStream stream = new ByteArrayImageInputStream(input, stop);
		ImageReader reader = readers.next();
		reader.setInput(stream, true, true);
		return new OpenImage(stream, reader);
	}

	public ImageReader reader() {
		return this.reader;
	}

	@Override
	public void close() throws IOException {
		this.reader.dispose();
		this.stream.close();
	}

}
