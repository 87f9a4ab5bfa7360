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
        swapRedAndBlueInPlace(mat, c);
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
            swapRedAndBlueInPlace(own, raster.channels());
            try {
                return use.apply(own);
            } finally {
                swapRedAndBlueInPlace(own, raster.channels());
            }
        } finally {
            own.release();
        }
    }

    /** Bytes of one band of rows that {@link #swapRedAndBlueInPlace} converts at a time. */
    private static final long SWAP_BAND_BYTES = 8L << 20;

    /**
     * Swaps red and blue in {@code mat}'s own memory, a band of rows at a time: OpenCV's {@code cvtColor} copies its
     * source when it is also the destination, and a whole 192 MP output copied at once was 576 MB of resident memory
     * at the end of every x4 upscale of a 12 MP photo.
     */
    private static void swapRedAndBlueInPlace(Mat mat, int channels) {
        int rows = (int) Math.max(1, SWAP_BAND_BYTES / Math.max(1, mat.step1() * mat.elemSize1()));
        for (int y = 0; y < mat.rows(); y += rows) {
            Mat band = mat.rowRange(y, Math.min(mat.rows(), y + rows));
            try {
                swapRedAndBlue(band, band, channels);
            } finally {
                band.release();
            }
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
