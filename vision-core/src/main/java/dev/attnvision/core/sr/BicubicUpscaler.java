package dev.attnvision.core.sr;

import dev.attnvision.core.image.CubicResize;
import dev.attnvision.core.image.Raster;

/** The non-learned baseline: OpenCV bicubic interpolation by an integer factor. Holds nothing, so closing is a no-op. */
public final class BicubicUpscaler implements RgbUpscaler {
    private final int scale;

    public BicubicUpscaler(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, got " + scale);
        }
        this.scale = scale;
    }

    @Override
    public int scale() {
        return scale;
    }

    @Override
    public void upscale(Raster rgb, Raster target) {
        target.putColour(CubicResize.resize(rgb, rgb.width() * scale, rgb.height() * scale), 0, 0);
    }

    @Override
    public void close() {
        // nothing held
    }
}
