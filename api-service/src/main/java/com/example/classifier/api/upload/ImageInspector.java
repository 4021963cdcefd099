package com.example.classifier.api.upload;

import com.example.classifier.common.image.CheckedImage;
import com.example.classifier.common.image.ImageCheck;
import com.example.classifier.common.image.ImageLimits;
import com.example.classifier.common.image.ImageRefusedException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Decides whether uploaded bytes are an image worth queueing, with the checks the worker runs again before decoding
 * ({@link ImageCheck}): format from the leading bytes, completeness and every size the decoders take on trust from the
 * file's own structure, width × height and decoded size from the header. No pixel is decoded here; the model worker
 * does that once. Each refusal keeps its status: not an image 400, a format (or variant) not decoded 415, damaged or
 * beyond the limits 422.
 */
@Component
public class ImageInspector {

	private final ImageLimits limits;

	ImageInspector(UploadProperties properties,
			@Value("${spring.servlet.multipart.max-file-size:10MB}") DataSize maxFileSize) {
		this.limits = new ImageLimits(maxFileSize.toBytes(), properties.maxPixels());
	}

	public InspectedImage inspect(byte[] bytes) {
		try {
			CheckedImage image = ImageCheck.check(bytes, this.limits);
			return new InspectedImage(ImageFormat.of(image.type()), image.width(), image.height());
		}
		catch (ImageRefusedException ex) {
			throw new UploadRejectedException(status(ex.reason()), ex.getMessage());
		}
	}

	private static HttpStatus status(ImageRefusedException.Reason reason) {
		return switch (reason) {
			case EMPTY, NOT_AN_IMAGE -> HttpStatus.BAD_REQUEST;
			case UNSUPPORTED -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
			case DAMAGED, TOO_LARGE -> HttpStatus.UNPROCESSABLE_CONTENT;
		};
	}

	/** An upload that passed inspection. */
	public record InspectedImage(ImageFormat format, int width, int height) {
	}

}
