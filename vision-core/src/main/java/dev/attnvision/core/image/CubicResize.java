package dev.attnvision.core.image;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Resizes a {@link Raster} with OpenCV's bicubic interpolation ({@code INTER_CUBIC}, Keys' kernel with
 * a = -0.75), in float so 16-bit precision survives; every channel is resampled independently and the result
 * is clamped to 0..255 (bicubic overshoots at edges). The non-learned baseline for super-resolution.
 */
public final class CubicResize {
    private CubicResize() {}

    /** {@code image} resized to {@code width} x {@code height}, same channels and bit depth. */
    public static Raster resize(Raster image, int width, int height) {
        OpenCvNative.load();
        Mat src = new Mat(image.height(), image.width(), CvType.makeType(CvType.CV_32F, image.channels()));
        Mat dst = new Mat();
        try {
            src.put(0, 0, image.floats());
            Imgproc.resize(src, dst, new Size(width, height), 0, 0, Imgproc.INTER_CUBIC);
            float[] data = new float[width * height * image.channels()];
            dst.get(0, 0, data);
            for (int i = 0; i < data.length; i++) {
                data[i] = Math.min(255f, Math.max(0f, data[i]));
            }
            return new Raster(width, height, image.channels(), image.bitDepth(), data);
        } finally {
            src.release();
            dst.release();
        }
    }
}
