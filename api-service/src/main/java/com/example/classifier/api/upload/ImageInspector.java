package com.example.classifier.api.upload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import com.example.classifier.common.JpegProfiles;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Decides whether uploaded bytes are an image worth queueing: format from magic bytes, completeness from the file's
 * own structure, size from the header alone. No pixel is decoded here; the model worker does that once.
 */
@Component
public class ImageInspector {

	private final long maxPixels;

	ImageInspector(UploadProperties properties) {
		this.maxPixels = properties.maxPixels();
	}

	public InspectedImage inspect(byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			throw new UploadRejectedException(HttpStatus.BAD_REQUEST, "The file is empty.");
		}
		ImageFormat format = ImageFormat.detect(bytes)
			.orElseThrow(() -> new UploadRejectedException(HttpStatus.BAD_REQUEST,
					"The file is not an image (expected JPEG, PNG, GIF, BMP or TIFF)."));
		if (!format.isSupported()) {
			throw new UploadRejectedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					format.name() + " images are not supported; please send JPEG, PNG, GIF, BMP or TIFF.");
		}
		if (!format.isComplete(bytes)) {
			throw new UploadRejectedException(HttpStatus.UNPROCESSABLE_CONTENT,
					"The " + format.name() + " file is truncated or damaged.");
		}
		long[] size = readSize(bytes, format);
		if (size[0] <= 0 || size[1] <= 0 || size[0] * size[1] > this.maxPixels) {
			throw new UploadRejectedException(HttpStatus.UNPROCESSABLE_CONTENT,
					"The image declares %d × %d pixels; at most %d pixels are accepted.".formatted(size[0], size[1],
							this.maxPixels));
		}
		return new InspectedImage(format, (int) size[0], (int) size[1]);
	}

	private static long[] readSize(byte[] bytes, ImageFormat format) {
		// Memory-backed: ImageIO's default for streams is a temporary file per upload, disk churn under load. Without the
		// colour profile, which the JPEG reader would parse with the header (2.6 of the 2.65 ms for a phone photo).
		try (ImageInputStream input = new MemoryCacheImageInputStream(
				new ByteArrayInputStream(JpegProfiles.withoutIccProfile(bytes)))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
			if (!readers.hasNext()) {
				throw damaged(format);
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(input, true, true);
				return new long[] { reader.getWidth(0), reader.getHeight(0) };
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof UploadRejectedException rejected) {
				throw rejected;
			}
			throw damaged(format);
		}
	}

	private static UploadRejectedException damaged(ImageFormat format) {
		return new UploadRejectedException(HttpStatus.UNPROCESSABLE_CONTENT,
				"The " + format.name() + " header cannot be read; the file is damaged.");
	}

	/** An upload that passed inspection. */
	public record InspectedImage(ImageFormat format, int width, int height) {
	}

}
