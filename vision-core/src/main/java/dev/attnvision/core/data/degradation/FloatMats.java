package dev.attnvision.core.data.degradation;

import dev.attnvision.core.image.OpenCvNative;
import dev.attnvision.core.image.Raster;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The degradations' bridge to OpenCV: a {@link Raster}'s float samples as a {@code CV_32FC(n)} Mat (channel order is
 * irrelevant to filtering and resizing), filtered or resized, and copied back. Every Mat is released here.
 */
final class FloatMats {
    static {
        OpenCvNative.load();
    }

    private FloatMats() {}

    /** {@code image} correlated with {@code kernel}, mirrored borders ({@code BORDER_REFLECT_101}). */
    static Raster filter(Raster image, Kernel kernel) {
        Mat source = toMat(image);
        Mat weights = new Mat(kernel.size(), kernel.size(), CvType.CV_32F);
        Mat out = new Mat();
        try {
            weights.put(0, 0, kernel.weights());
            Imgproc.filter2D(source, out, CvType.CV_32F, weights, new Point(-1, -1), 0, Core.BORDER_REFLECT_101);
            return toRaster(out, image);
        } finally {
            source.release();
            weights.release();
            out.release();
        }
    }

    /** {@code image} resized to {@code width x height} with OpenCV's {@code Imgproc.INTER_*} {@code flag}. */
    static Raster resize(Raster image, int width, int height, int flag) {
        Mat source = toMat(image);
        Mat out = new Mat();
        try {
            Imgproc.resize(source, out, new Size(width, height), 0, 0, flag);
            return toRaster(out, image);
        } finally {
            source.release();
            out.release();
        }
    }

    private static Mat toMat(Raster image) {
        Mat mat = new Mat(image.height(), image.width(), CvType.makeType(CvType.CV_32F, image.channels()));
        mat.put(0, 0, image.floats());
        return mat;
    }

    private static Raster toRaster(Mat mat, Raster like) {
        float[] data = new float[mat.rows() * mat.cols() * like.channels()];
        mat.get(0, 0, data);
        return new Raster(mat.cols(), mat.rows(), like.channels(), like.bitDepth(), data);
    }
}
