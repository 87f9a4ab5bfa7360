package dev.attnvision.core.sr;

import dev.attnvision.core.image.Raster;

/**
 * A super-resolution method on RGB images: bicubic interpolation, or a network such as A2N. One instance per
 * worker thread (a network-backed one owns its DJL {@code Predictor}); grey and alpha are handled around it by
 * {@link UpscaleOperation}.
 */
public interface RgbUpscaler extends AutoCloseable {
    /** The integer factor this method upscales by. */
    int scale();

    /**
     * Writes the upscaled colour of a 3-channel image into {@code target}, {@link #scale()} times its size, with
     * {@link Raster#putColour} (so a grey or RGBA target receives grey or RGB, and a target stored as integers is
     * rounded as it is filled, part by part).
     */
    void upscale(Raster rgb, Raster target);

    /** Releases what this instance holds. */
    @Override
    void close();
}
