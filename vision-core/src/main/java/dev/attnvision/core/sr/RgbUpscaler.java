package dev.attnvision.core.sr;

import dev.attnvision.core.image.Raster;

/**
 * A super-resolution method on RGB images: bicubic interpolation, or a network such as A2N. One instance per
 * worker thread (a network-backed one owns its DJL {@code Predictor}); grey and alpha are handled around it by
 * {@link UpscaleOperation}.
 */
public interface RgbUpscaler extends AutoCloseable {
    /** Upscales a 3-channel image by the method's integer factor; the result has the input's bit depth. */
    Raster upscale(Raster rgb) throws Exception;

    /** Releases what this instance holds. */
    @Override
    void close();
}
