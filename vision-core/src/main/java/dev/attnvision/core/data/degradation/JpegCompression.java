package dev.attnvision.core.data.degradation;

import dev.attnvision.core.image.Encoding;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.ImageFormat;
import dev.attnvision.core.image.ImageReadException;
import dev.attnvision.core.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

/**
 * JPEG compression at a random quality through OpenCV's real encoder and decoder (libjpeg: 8x8 DCT blocks,
 * quantisation, 4:2:0 chroma), the artefact every web photo carries: the image is rounded to 8 bits, encoded at a
 * quality drawn from {@code quality} (rounded to a whole number) and decoded again.
 *
 * @param quality the qualities, within [1, 100]
 */
public record JpegCompression(Range quality) {
    private static final ImageCodec CODEC = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);

    public JpegCompression {
        quality.within(1, 100, "JPEG quality");
    }

    /** {@code image} compressed at a quality drawn from {@code random}. */
    public Raster apply(Raster image, SplittableRandom random) {
        return atQuality(image, (int) Math.round(quality.draw(random)));
    }

    /** {@code image} compressed at {@code quality}, 1..100. */
    public static Raster atQuality(Raster image, int quality) {
        try {
            Raster decoded = CODEC.decode(CODEC.encode(Samples.quantise(image), new Encoding(ImageFormat.JPEG, quality)));
            return new Raster(decoded.width(), decoded.height(), decoded.channels(), image.bitDepth(), decoded.floats());
        } catch (ImageReadException e) {
            throw new IllegalStateException("OpenCV could not decode its own JPEG: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
