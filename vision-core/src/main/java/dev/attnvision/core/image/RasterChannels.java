package dev.attnvision.core.image;

/**
 * Splits the channels of {@link Raster}s for operations that work on RGB only (networks trained on colour photos):
 * grey is widened to RGB and alpha set aside; {@link Raster#putColour} and {@link Raster#putChannel} join them
 * again. Results are stored like their source (bytes stay bytes).
 */
public final class RasterChannels {
    private RasterChannels() {}

    /** The colour channels as RGB: the image itself when it is RGB, grey replicated, alpha dropped. */
    public static Raster rgb(Raster image) {
        int c = image.channels();
        if (c == 3) {
            return image;
        }
        int n = image.width() * image.height();
        RasterSamples in = image.samples();
        RasterSamples out = in.newOfLength(n * 3);
        for (int p = 0; p < n; p++) {
            if (c == 1) {
                for (int k = 0; k < 3; k++) {
                    out.copyFrom(in, p, p * 3 + k, 1);
                }
            } else {
                out.copyFrom(in, p * c, p * 3, 3);
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
        RasterSamples out = image.samples().newOfLength(n);
        for (int p = 0; p < n; p++) {
            out.copyFrom(image.samples(), p * 4 + 3, p, 1);
        }
        return new Raster(image.width(), image.height(), 1, image.bitDepth(), out);
    }
}
