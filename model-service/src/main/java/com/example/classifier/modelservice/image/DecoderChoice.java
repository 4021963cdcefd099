package com.example.classifier.modelservice.image;

/**
 * Which decoder reads a JPEG that only needs a fraction of its pixels ({@code image.decoder}). Every other image, and
 * every JPEG decoded whole, goes through ImageIO whatever is chosen: the native decoder only pays where it skips
 * pixels in the DCT (a whole 12 MP decode took it 88–213 ms against ImageIO's 58–81, docs/performance.md).
 */
public enum DecoderChoice {

	/** {@link #NATIVE} when its library loads on this machine, else {@link #IMAGEIO}. */
	AUTO,

	/** OpenCV's libjpeg-turbo at 1/2, 1/4 or 1/8 scale ({@link NativeJpeg}); the worker fails to start without it. */
	NATIVE,

	/** The JDK's reader with source subsampling, as before the native decoder. */
	IMAGEIO

}
