package dev.attnvision.core.image;

/**
 * Bicubic resizing that reproduces MATLAB's {@code imresize(img, s, 'bicubic')} bit for bit on 8-bit images, the
 * operation that made the standard super-resolution benchmark inputs (Set5/Set14/... {@code LR_bicubic}).
 *
 * <p>Semantics, following MathWorks' documentation of {@code imresize} and the algorithm it describes:
 * <ul>
 *   <li>Keys' cubic kernel with {@code a = -0.5}: {@code k(x) = 1.5|x|^3 - 2.5|x|^2 + 1} for {@code |x| <= 1},
 *       {@code -0.5|x|^3 + 2.5|x|^2 - 4|x| + 2} for {@code 1 < |x| <= 2}, else 0.</li>
 *   <li>Output length {@code ceil(n * s)}; output sample {@code x} (1-based) reads the input at
 *       {@code u = x / s + 0.5 (1 - 1 / s)}.</li>
 *   <li>Antialiasing when shrinking ({@code s < 1}): the kernel becomes {@code s k(s x)}, 4 / s input pixels wide.
 *       Weights are normalised to sum to 1 per output sample.</li>
 *   <li>Symmetric padding: indices outside {@code 1..n} mirror back inside, the edge pixel repeated.</li>
 *   <li>One dimension at a time, the one with the smaller scale first; with equal scales the vertical
 *       dimension (MATLAB's dimension 1, the rows' index) first, then the horizontal one.</li>
 *   <li>Sums in double precision; integer images are rounded half away from zero and clipped to their range after
 *       each pass, as the intermediate image has the input's class.</li>
 * </ul>
 * The benchmark convention crops the HR image to a multiple of the scale before shrinking: see {@link #downscale}.
 */
public final class MatlabBicubic {
    private MatlabBicubic() {}

    /**
     * The benchmark low-resolution image: {@code hr} cropped (top-left kept) to a multiple of {@code scale} in both
     * dimensions, then shrunk by {@code scale} with antialiasing.
     */
    public static Raster downscale(Raster hr, int scale) {
        checkScale(scale);
        int width = hr.width() - hr.width() % scale;
        int height = hr.height() - hr.height() % scale;
        if (width == 0 || height == 0) {
            throw new IllegalArgumentException("image " + hr.width() + "x" + hr.height()
                    + " is smaller than the scale " + scale + "; use larger images");
        }
        return resize(hr.region(0, 0, width, height), 1.0 / scale);
    }

    /** The bicubic baseline upscale: {@code lr} enlarged by the integer {@code scale} (no antialiasing applies). */
    public static Raster upscale(Raster lr, int scale) {
        checkScale(scale);
        return resize(lr, scale);
    }

    /**
     * Resizes by {@code scale} in both dimensions, as {@code imresize(img, scale, 'bicubic')}. The samples are rounded
     * and clipped to the raster's bit depth after each pass (8-bit: integers 0..255; 16-bit: multiples of 1/257).
     */
    public static Raster resize(Raster image, double scale) {
        return resize(image, scale, true);
    }

    /**
     * Resizes one plane of floats (row-major {@code height x width}) by {@code scale}, without any rounding: the
     * MATLAB result for {@code single}/{@code double} images. Returns the {@code ceil(height * scale) x
     * ceil(width * scale)} plane.
     */
    public static float[] resizePlane(float[] plane, int width, int height, double scale) {
        return resize(new Raster(width, height, 1, 8, plane), scale, false).floats();
    }

    private static Raster resize(Raster image, double scale, boolean quantize) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive number, got " + scale);
        }
        int outHeight = outputLength(image.height(), scale);
        int outWidth = outputLength(image.width(), scale);
        float levels = !quantize ? 0 : image.bitDepth() == 16 ? 257f : 1f;
        float[] vertical = resizeAxis(image.floats(), 1, image.height(), image.width() * image.channels(),
                Contributions.of(image.height(), outHeight, scale), levels);
        float[] both = resizeAxis(vertical, outHeight, image.width(), image.channels(),
                Contributions.of(image.width(), outWidth, scale), levels);
        return new Raster(outWidth, outHeight, image.channels(), image.bitDepth(), both);
    }

    /**
     * Resizes the middle axis of data laid out as {@code [outer][length][inner]}. {@code levels} is the number of
     * representable steps per unit on the 0..255 scale (1 for 8-bit, 257 for 16-bit) or 0 for no rounding.
     */
    private static float[] resizeAxis(float[] in, int outer, int length, int inner, Contributions table, float levels) {
        int outLength = table.outputLength();
        float[] out = new float[outer * outLength * inner];
        for (int o = 0; o < outer; o++) {
            int inBase = o * length * inner;
            int outBase = o * outLength * inner;
            for (int x = 0; x < outLength; x++) {
                int[] indices = table.indices(x);
                double[] weights = table.weights(x);
                for (int i = 0; i < inner; i++) {
                    double sum = 0;
                    for (int k = 0; k < indices.length; k++) {
                        sum += weights[k] * in[inBase + indices[k] * inner + i];
                    }
                    out[outBase + x * inner + i] = levels == 0 ? (float) sum : quantize(sum, levels);
                }
            }
        }
        return out;
    }

    /** Rounds half away from zero to the nearest of {@code levels} steps per unit and clips to 0..255. */
    private static float quantize(double value, float levels) {
        double steps = Math.floor(value * levels + 0.5);
        return (float) (Math.min(Math.max(steps, 0), 255.0 * levels) / levels);
    }

    static int outputLength(int length, double scale) {
        return (int) Math.ceil(length * scale);
    }

    private static void checkScale(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be a positive integer, got " + scale);
        }
    }
}
