package dev.attnvision.core.image;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Conversion between OpenCV Mats (BGR(A) order, 8 or 16 bit) and {@link Raster}s (RGB(A)). Decoded samples are
 * kept as the integers they are (bytes or shorts); a Raster stored at the depth it is written with goes back the
 * same way, and any other is rounded and clamped by OpenCV.
 */
final class MatRasters {
    private MatRasters() {}

    /** Copies a decoded Mat into a Raster stored at its depth; the Mat is not released. */
    static Raster toRaster(Mat mat) throws ImageReadException {
        int bitDepth = switch (mat.depth()) {
            case CvType.CV_8U -> 8;
            case CvType.CV_16U -> 16;
            default -> throw new ImageReadException("unsupported sample type " + CvType.typeToString(mat.type())
                    + " (only 8- and 16-bit integer images are supported)");
        };
        int channels = mat.channels();
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new ImageReadException("unsupported channel count " + channels);
        }
        Mat rgb = new Mat();
        try {
            swapRedAndBlue(mat, rgb, channels);
            Raster raster = Raster.atDepth(mat.cols(), mat.rows(), channels, bitDepth);
            if (raster.samples() instanceof RasterSamples.Bytes bytes) {
                rgb.get(0, 0, bytes.values());
            } else {
                rgb.get(0, 0, ((RasterSamples.Shorts) raster.samples()).values());
            }
            return raster;
        } finally {
            rgb.release();
        }
    }

    /**
     * Makes a BGR(A) Mat of the given depth (8 or 16) from a Raster: its integers as they are when it is stored at
     * that depth, else its samples rounded and clamped. The caller releases it.
     */
    static Mat toMat(Raster raster, int bitDepth) {
        int c = raster.channels();
        Mat mat = new Mat(raster.height(), raster.width(), CvType.makeType(bitDepth == 16 ? CvType.CV_16U : CvType.CV_8U, c));
        if (bitDepth == 8 && raster.samples() instanceof RasterSamples.Bytes bytes) {
            mat.put(0, 0, bytes.values());
        } else if (bitDepth == 16 && raster.samples() instanceof RasterSamples.Shorts shorts) {
            mat.put(0, 0, shorts.values());
        } else {
            Mat floats = new Mat(raster.height(), raster.width(), CvType.makeType(CvType.CV_32F, c));
            try {
                floats.put(0, 0, raster.floats());
                floats.convertTo(mat, mat.type(), bitDepth == 16 ? 257.0 : 1.0);
            } finally {
                floats.release();
            }
        }
        // in place: a photo upscaled x4 is hundreds of megabytes, and a second Mat would double them
        swapRedAndBlue(mat, mat, c);
        return mat;
    }

    private static void swapRedAndBlue(Mat from, Mat to, int channels) {
        switch (channels) {
            case 3 -> Imgproc.cvtColor(from, to, Imgproc.COLOR_BGR2RGB);
            case 4 -> Imgproc.cvtColor(from, to, Imgproc.COLOR_BGRA2RGBA);
            default -> {
                if (from != to) {
                    from.copyTo(to);
                }
            }
        }
    }
}
