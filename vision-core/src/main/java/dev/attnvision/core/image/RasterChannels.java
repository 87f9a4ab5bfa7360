package dev.attnvision.core.image;

/**
 * Splits and joins the channels of {@link Raster}s, for operations that work on RGB only (networks trained on
 * colour photos): grey is widened to RGB and narrowed back, alpha is set aside and put back.
 */
public final class RasterChannels {
    private RasterChannels() {}

    /** The colour channels as RGB: grey replicated, alpha dropped, RGB copied. */
    public static Raster rgb(Raster image) {
        int n = image.width() * image.height();
        int c = image.channels();
        float[] out = new float[n * 3];
        float[] in = image.data();
        for (int p = 0; p < n; p++) {
            for (int k = 0; k < 3; k++) {
                out[p * 3 + k] = in[p * c + (c == 1 ? 0 : k)];
            }
        }
        return new Raster(image.width(), image.height(), 3, image.bitDepth(), out);
    }

    /** The alpha channel of an RGBA image as a one-channel image. */
    public static Raster alpha(Raster image) {
        if (image.channels() != 4) {
            throw new IllegalArgumentException("no alpha channel in " + image);
        }
        int n = image.width() * image.height();
        float[] out = new float[n];
        for (int p = 0; p < n; p++) {
            out[p] = image.data()[p * 4 + 3];
        }
        return new Raster(image.width(), image.height(), 1, image.bitDepth(), out);
    }

    /** An RGB image narrowed to grey by averaging R, G and B (exact for images made by {@link #rgb}). */
    public static Raster gray(Raster rgb) {
        requireChannels(rgb, 3);
        int n = rgb.width() * rgb.height();
        float[] out = new float[n];
        float[] in = rgb.data();
        for (int p = 0; p < n; p++) {
            out[p] = (in[p * 3] + in[p * 3 + 1] + in[p * 3 + 2]) / 3f;
        }
        return new Raster(rgb.width(), rgb.height(), 1, rgb.bitDepth(), out);
    }

    /** RGB plus a one-channel alpha of the same size joined into RGBA. */
    public static Raster withAlpha(Raster rgb, Raster alpha) {
        requireChannels(rgb, 3);
        requireChannels(alpha, 1);
        if (rgb.width() != alpha.width() || rgb.height() != alpha.height()) {
            throw new IllegalArgumentException("alpha " + alpha + " does not match colour " + rgb);
        }
        int n = rgb.width() * rgb.height();
        float[] out = new float[n * 4];
        for (int p = 0; p < n; p++) {
            System.arraycopy(rgb.data(), p * 3, out, p * 4, 3);
            out[p * 4 + 3] = alpha.data()[p];
        }
        return new Raster(rgb.width(), rgb.height(), 4, rgb.bitDepth(), out);
    }

    private static void requireChannels(Raster image, int channels) {
        if (image.channels() != channels) {
            throw new IllegalArgumentException("expected " + channels + " channels, got " + image);
        }
    }
}
