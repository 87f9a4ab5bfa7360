package dev.attnvision.core.image;

import java.io.IOException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Conversion between OpenCV Mats (BGR(A) order, 8 or 16 bit) and {@link Raster}s (RGB(A)). Decoded samples are
 * kept as the integers they are: bytes are decoded straight into the raster's own buffer; a Raster stored at the
 * depth it is written with goes back the same way, and any other is rounded and clamped by OpenCV.
 */
final class MatRasters {
    private MatRasters() {}

    /** Work done on a Mat that may be borrowed from a raster. */
    interface MatUse<T> {
        T apply(Mat mat) throws IOException;
    }

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
        Raster raster = Raster.atDepth(mat.cols(), mat.rows(), channels, bitDepth);
        Mat rgb = raster.samples() instanceof RasterSamples.Bytes bytes ? view(raster, bytes) : new Mat();
        try {
            swapRedAndBlue(mat, rgb, channels);
            if (raster.samples() instanceof RasterSamples.Shorts shorts) {
                rgb.get(0, 0, shorts.values());
            }
            return raster;
        } finally {
            rgb.release();
        }
    }

    /**
     * Makes a BGR(A) Mat of the given depth (8 or 16) from a Raster, a copy: its integers as they are when it is
     * stored at that depth, else its samples rounded and clamped. The caller releases it.
     */
    static Mat toMat(Raster raster, int bitDepth) {
        int c = raster.channels();
        if (bitDepth == 8 && raster.samples() instanceof RasterSamples.Bytes bytes) {
            Mat rgb = view(raster, bytes);
            Mat bgr = new Mat();
            try {
                swapRedAndBlue(rgb, bgr, c);
            } finally {
                rgb.release();
            }
            return bgr;
        }
        Mat mat = new Mat(raster.height(), raster.width(), CvType.makeType(bitDepth == 16 ? CvType.CV_16U : CvType.CV_8U, c));
        if (bitDepth == 16 && raster.samples() instanceof RasterSamples.Shorts shorts) {
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
        swapRedAndBlue(mat, mat, c);
        return mat;
    }

    /**
     * Runs {@code use} on the raster as a BGR(A) Mat of the given depth. An 8-bit raster stored as bytes is lent
     * itself, its red and blue swapped in place while {@code use} runs and swapped back after, so a large image is
     * not copied; the raster must not be used by another thread meanwhile. Any other raster is lent a copy.
     */
    static <T> T withBgr(Raster raster, int bitDepth, MatUse<T> use) throws IOException {
        if (bitDepth != 8 || !(raster.samples() instanceof RasterSamples.Bytes bytes)) {
            Mat copy = toMat(raster, bitDepth);
            try {
                return use.apply(copy);
            } finally {
                copy.release();
            }
        }
        Mat own = view(raster, bytes);
        try {
            swapRedAndBlue(own, own, raster.channels());
            try {
                return use.apply(own);
            } finally {
                swapRedAndBlue(own, own, raster.channels());
            }
        } finally {
            own.release();
        }
    }

    /** A Mat over the raster's own bytes (no copy), released by the caller. */
    private static Mat view(Raster raster, RasterSamples.Bytes bytes) {
        return new Mat(raster.height(), raster.width(), CvType.makeType(CvType.CV_8U, raster.channels()), bytes.values());
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
