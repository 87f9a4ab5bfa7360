package dev.attnvision.core.data.degradation;

import dev.attnvision.core.image.Raster;

/**
 * A square blur kernel of odd side whose weights sum to 1, applied as a 2-D correlation with mirrored borders
 * ({@code dcb|abcd|cba}, OpenCV's {@code BORDER_REFLECT_101}), the padding Real-ESRGAN's {@code filter2D} uses.
 *
 * @param size the side in pixels, odd
 * @param weights {@code size * size} weights, row-major, summing to 1
 */
public record Kernel(int size, float[] weights) {
    public Kernel {
        if (size < 1 || size % 2 == 0) {
            throw new IllegalArgumentException("a kernel's side must be odd and positive, got " + size);
        }
        if (weights.length != size * size) {
            throw new IllegalArgumentException("a " + size + "x" + size + " kernel needs " + size * size + " weights, got "
                    + weights.length);
        }
    }

    /**
     * The kernel of side {@code size} whose weight at offset {@code (dx, dy)} from the centre is proportional to
     * {@code value(dx, dy)}, normalised to sum 1.
     *
     * @throws IllegalArgumentException if the values do not have a positive finite sum
     */
    static Kernel normalised(int size, OffsetFunction value) {
        int half = size / 2;
        double[] raw = new double[size * size];
        double sum = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                raw[y * size + x] = value.at(x - half, y - half);
                sum += raw[y * size + x];
            }
        }
        if (!(sum > 0) || Double.isInfinite(sum)) {
            throw new IllegalArgumentException("kernel weights sum to " + sum + ", not a positive number");
        }
        float[] weights = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            weights[i] = (float) (raw[i] / sum);
        }
        return new Kernel(size, weights);
    }

    /** An unnormalised kernel value at an offset from the centre. */
    @FunctionalInterface
    interface OffsetFunction {
        double at(int dx, int dy);
    }

    /** The sum of the weights (1 up to float rounding). */
    public double sum() {
        double sum = 0;
        for (float w : weights) {
            sum += w;
        }
        return sum;
    }

    /** The image filtered by this kernel, every channel alike, same size; samples are not clamped. */
    public Raster apply(Raster image) {
        return FloatMats.filter(image, this);
    }

    /** Weight at row {@code y}, column {@code x}. */
    public float at(int y, int x) {
        return weights[y * size + x];
    }
}
