package dev.attnvision.core.eval;

import dev.attnvision.core.image.Raster;

/**
 * The luma (Y) channel of an image, in double precision on the 16..235 scale, as super-resolution benchmarks measure
 * it. ITU-R BT.601 for RGB samples on 0..255: {@code Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255} (MATLAB's
 * {@code rgb2ycbcr}, BasicSR's {@code rgb2ycbcr(..., y_only=True)}), not rounded. Gray images are taken as they are;
 * an alpha channel is ignored.
 *
 * @param width samples per row
 * @param height rows
 * @param data row-major samples
 */
public record LumaPlane(int width, int height, double[] data) {
    public LumaPlane {
        if (width < 1 || height < 1 || data.length != (long) width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " plane cannot hold " + data.length + " samples");
        }
    }

    /** The Y channel of {@code image}. */
    public static LumaPlane of(Raster image) {
        int n = image.width() * image.height();
        int c = image.channels();
        float[] in = image.floats();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = c == 1 ? in[i] : 16 + (65.481 * in[i * c] + 128.553 * in[i * c + 1] + 24.966 * in[i * c + 2]) / 255;
        }
        return new LumaPlane(image.width(), image.height(), y);
    }

    /** This plane without {@code border} samples on each side (the benchmarks shave {@code scale} pixels). */
    public LumaPlane shave(int border) {
        int w = width - 2 * border;
        int h = height - 2 * border;
        if (border < 0 || w < 1 || h < 1) {
            throw new IllegalArgumentException("cannot shave " + border + " pixels from each side of a " + width + "x"
                    + height + " image");
        }
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(data, (y + border) * width + border, out, y * w, w);
        }
        return new LumaPlane(w, h, out);
    }

    double at(int y, int x) {
        return data[y * width + x];
    }

    void requireSameSize(LumaPlane other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("images differ in size: " + width + "x" + height + " vs " + other.width
                    + "x" + other.height + "; crop the reference to the restored image's size first");
        }
    }
}
