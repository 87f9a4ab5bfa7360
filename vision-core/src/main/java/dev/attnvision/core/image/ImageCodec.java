package dev.attnvision.core.image;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Reads image files into {@link Raster}s and writes them back, safely: the header is checked (format, size
 * limit, completeness) before any pixel is decoded, decoding goes through memory so any path works, bit depth,
 * grayscale and alpha are kept, EXIF orientation is applied, and files are written atomically. Thread-safe.
 */
public final class ImageCodec {
    /** Default limit on decoded pixels: 100 megapixels, larger than any common camera. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    private final long maxPixels;

    /** A codec that refuses images with more than {@code maxPixels} pixels. */
    public ImageCodec(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("the pixel limit must be positive, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
        OpenCvNative.load();
    }

    /** Reads and decodes {@code file}. */
    public Raster read(Path file) throws ImageReadException {
        return decode(readBytes(file));
    }

    /** Decodes an image file held in memory. */
    public Raster decode(byte[] bytes) throws ImageReadException {
        ImageHeader header = ImageHeader.probe(bytes);
        if (header.pixels() > maxPixels) {
            throw new ImageReadException(String.format(java.util.Locale.ROOT,
                    "image too large: %dx%d is %.1f megapixels, over the limit of %.1f (raise --max-pixels if you trust this file)",
                    header.width(), header.height(), header.pixels() / 1e6, maxPixels / 1e6));
        }
        switch (header.format()) {
            case PNG -> PngContainer.verify(bytes);
            case JPEG -> JpegContainer.verify(bytes);
            default -> { } // the other decoders report truncation themselves
        }
        Mat mat;
        MatOfByte buffer = new MatOfByte(bytes);
        try {
            mat = Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_UNCHANGED);
        } finally {
            buffer.release();
        }
        try {
            if (mat.empty()) {
                throw new ImageReadException("corrupt or truncated " + header.format().displayName()
                        + " data (the decoder gave up; re-export the file)");
            }
            mat = ExifOrientation.apply(mat, ExifOrientation.of(bytes));
            return MatRasters.toRaster(mat);
        } finally {
            mat.release();
        }
    }

    /**
     * Encodes {@code image} as a file in memory; 16 bits and alpha are kept where the format can hold them. An
     * 8-bit image is encoded from its own memory (see {@link MatRasters#withBgr}): another thread must not use it
     * meanwhile.
     */
    public byte[] encode(Raster image, Encoding encoding) throws IOException {
        ImageFormat format = encoding.format();
        return MatRasters.withBgr(image, image.bitDepth() == 16 && format.supports16Bit() ? 16 : 8, mat -> {
            MatOfByte out = new MatOfByte();
            MatOfInt params = new MatOfInt(parameters(encoding));
            Mat bgr = mat;
            try {
                if (image.channels() == 4 && !format.supportsAlpha()) {
                    bgr = new Mat();
                    Imgproc.cvtColor(mat, bgr, Imgproc.COLOR_BGRA2BGR);
                }
                if (!Imgcodecs.imencode("." + format.extension(), bgr, out, params)) {
                    throw new IOException("OpenCV could not encode a " + image + " as " + format.displayName());
                }
                return out.toArray();
            } finally {
                if (bgr != mat) {
                    bgr.release();
                }
                out.release();
                params.release();
            }
        });
    }

    /** Encodes {@code image} and writes it to {@code target} atomically (see {@link AtomicFile}). */
    public void write(Raster image, Path target, Encoding encoding) throws IOException {
        AtomicFile.write(target, encode(image, encoding));
    }

    private static int[] parameters(Encoding e) {
        return switch (e.format()) {
            case JPEG -> new int[] {Imgcodecs.IMWRITE_JPEG_QUALITY, e.quality()};
            case WEBP -> new int[] {Imgcodecs.IMWRITE_WEBP_QUALITY, e.quality()};
            default -> new int[0];
        };
    }

    private static byte[] readBytes(Path file) throws ImageReadException {
        try {
            if (Files.isDirectory(file)) {
                throw new ImageReadException("is a folder, not an image file");
            }
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 64) {
                throw new ImageReadException("file too large (" + size / (1 << 20) + " MiB); images must be under 2 GiB");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageReadException("no such file", e);
        } catch (AccessDeniedException e) {
            throw new ImageReadException("permission denied (check the file's permissions)", e);
        } catch (ImageReadException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageReadException("cannot read the file: " + e.getMessage(), e);
        }
    }
}
