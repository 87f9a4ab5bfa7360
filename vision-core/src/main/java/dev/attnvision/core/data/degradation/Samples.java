package dev.attnvision.core.data.degradation;

import dev.attnvision.core.image.Raster;

/** Sample-wise helpers of the degradations, on the 0..255 scale of {@link Raster}. */
final class Samples {
    private Samples() {}

    /** {@code v} clamped to [0, 255]. */
    static float clamp(double v) {
        return (float) Math.min(255, Math.max(0, v));
    }

    /** {@code image} clamped to [0, 255] and rounded to whole grey levels, as an 8-bit image is stored. */
    static Raster quantise(Raster image) {
        float[] in = image.floats();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = Math.round(clamp(in[i]));
        }
        return new Raster(image.width(), image.height(), image.channels(), 8, out);
    }

    /** The BT.601 luma {@code 0.299 R + 0.587 G + 0.114 B} of pixel {@code pixel} (its first sample's index). */
    static double luma(float[] rgb, int pixel) {
        return 0.299 * rgb[pixel] + 0.587 * rgb[pixel + 1] + 0.114 * rgb[pixel + 2];
    }
}
