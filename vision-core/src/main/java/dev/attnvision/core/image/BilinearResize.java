package dev.attnvision.core.image;

/**
 * Bilinear resampling of a {@link Raster} with pixel centres aligned ({@code align_corners = false}): output pixel
 * {@code x'} samples the input at {@code (x' + 0.5) * W / W' - 0.5}, clamped to the border. So a box edge at
 * continuous coordinate {@code x} lands at {@code x * W' / W}. No antialiasing: meant for the moderate scale
 * changes of augmentation and letterboxing, not for large reductions.
 */
public final class BilinearResize {
    private BilinearResize() {}

    /** {@code source} resampled to {@code width x height}, same channels and bit depth. */
    public static Raster resize(Raster source, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("resize target must be positive, got " + width + "x" + height);
        }
        if (width == source.width() && height == source.height()) {
            return new Raster(width, height, source.channels(), source.bitDepth(), source.samples().toFloats());
        }
        int c = source.channels();
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        float[] fx = new float[width];
        axis(source.width(), width, x0, x1, fx);
        int[] y0 = new int[height];
        int[] y1 = new int[height];
        float[] fy = new float[height];
        axis(source.height(), height, y0, y1, fy);
        float[] in = source.floats();
        float[] out = new float[width * height * c];
        int rowIn = source.width() * c;
        for (int y = 0; y < height; y++) {
            int top = y0[y] * rowIn;
            int bottom = y1[y] * rowIn;
            for (int x = 0; x < width; x++) {
                int o = (y * width + x) * c;
                for (int k = 0; k < c; k++) {
                    float a = in[top + x0[x] * c + k] + fx[x] * (in[top + x1[x] * c + k] - in[top + x0[x] * c + k]);
                    float b = in[bottom + x0[x] * c + k]
                            + fx[x] * (in[bottom + x1[x] * c + k] - in[bottom + x0[x] * c + k]);
                    out[o + k] = a + fy[y] * (b - a);
                }
            }
        }
        return new Raster(width, height, c, source.bitDepth(), out);
    }

    /** Source neighbours and weights of every output position along one axis. */
    private static void axis(int in, int out, int[] lo, int[] hi, float[] frac) {
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            double s = Math.max(0, Math.min(in - 1, (i + 0.5) * scale - 0.5));
            lo[i] = (int) Math.floor(s);
            hi[i] = Math.min(in - 1, lo[i] + 1);
            frac[i] = (float) (s - lo[i]);
        }
    }
}
