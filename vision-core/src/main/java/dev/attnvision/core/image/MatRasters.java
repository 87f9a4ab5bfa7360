package dev.attnvision.core.image;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/** Conversion between OpenCV Mats (BGR(A) order, 8 or 16 bit) and {@link Raster}s (RGB(A), float 0..255). */
final class MatRasters {
    private static final double SIXTEEN_TO_EIGHT = 1.0 / 257.0;

    private MatRasters() {}

    /** Copies a decoded Mat into a Raster; the Mat is not released. */
    static Raster toRaster(Mat mat) throws ImageReadException {
        int bitDepth = switch (mat.depth()) {
            case CvType.CV_8U -> 8;
            case CvType.CV_16U -> 16;
            default -> throw new ImageReadException("unsupported sample type " + CvType.typeToString(mat.type())
                    + " (only 8- and 16-bit integer images are supported)");
        };
        int channels = mat.channels();
        Mat rgb = new Mat();
        Mat floats = new Mat();
        try {
            switch (channels) {
                case 1 -> mat.copyTo(rgb);
                case 3 -> Imgproc.cvtColor(mat, rgb, Imgproc.COLOR_BGR2RGB);
                case 4 -> Imgproc.cvtColor(mat, rgb, Imgproc.COLOR_BGRA2RGBA);
                default -> throw new ImageReadException("unsupported channel count " + channels);
            }
            rgb.convertTo(floats, CvType.CV_32F, bitDepth == 16 ? SIXTEEN_TO_EIGHT : 1.0);
            float[] data = new float[mat.rows() * mat.cols() * channels];
            floats.get(0, 0, data);
            return new Raster(mat.cols(), mat.rows(), channels, bitDepth, data);
        } finally {
            rgb.release();
            floats.release();
        }
    }

    /**
     * Makes a BGR(A) Mat of the given depth (8 or 16) from a Raster, rounding and clamping samples; the caller
     * releases it.
     */
    static Mat toMat(Raster raster, int bitDepth) {
        int c = raster.channels();
        Mat floats = new Mat(raster.height(), raster.width(), CvType.makeType(CvType.CV_32F, c));
        Mat ints = new Mat();
        try {
            floats.put(0, 0, raster.data());
            floats.convertTo(ints, bitDepth == 16 ? CvType.CV_16U : CvType.CV_8U, bitDepth == 16 ? 257.0 : 1.0);
        } finally {
            floats.release();
        }
        if (c == 1) {
            return ints;
        }
        Mat bgr = new Mat();
        try {
            Imgproc.cvtColor(ints, bgr, c == 3 ? Imgproc.COLOR_RGB2BGR : Imgproc.COLOR_RGBA2BGRA);
        } finally {
            ints.release();
        }
        return bgr;
    }
}
