package dev.attnvision.core.image;

/**
 * For one axis of a MATLAB-style bicubic resize: which input samples (0-based, after symmetric padding) each output
 * sample sums, and with which normalised weights. See {@link MatlabBicubic} for the formulas.
 */
final class Contributions {
    private final int[][] indices;
    private final double[][] weights;

    private Contributions(int[][] indices, double[][] weights) {
        this.indices = indices;
        this.weights = weights;
    }

    /** The table for resizing {@code inLength} samples to {@code outLength} by {@code scale}. */
    static Contributions of(int inLength, int outLength, double scale) {
        boolean antialias = scale < 1;
        double kernelWidth = antialias ? 4.0 / scale : 4.0;
        int taps = (int) Math.ceil(kernelWidth) + 2;
        int[][] indices = new int[outLength][];
        double[][] weights = new double[outLength][];
        for (int x = 0; x < outLength; x++) {
            double u = (x + 1) / scale + 0.5 * (1 - 1 / scale);
            int left = (int) Math.floor(u - kernelWidth / 2);
            double[] w = new double[taps];
            int[] idx = new int[taps];
            double total = 0;
            for (int k = 0; k < taps; k++) {
                int index = left + k;
                double distance = u - index;
                w[k] = antialias ? scale * cubic(scale * distance) : cubic(distance);
                total += w[k];
                idx[k] = mirror(index, inLength);
            }
            for (int k = 0; k < taps; k++) {
                w[k] /= total;
            }
            indices[x] = idx;
            weights[x] = w;
        }
        return new Contributions(indices, weights);
    }

    int outputLength() {
        return indices.length;
    }

    int[] indices(int output) {
        return indices[output];
    }

    double[] weights(int output) {
        return weights[output];
    }

    /** Keys' cubic convolution kernel with {@code a = -0.5}, written as MATLAB's {@code imresize} evaluates it. */
    static double cubic(double x) {
        double ax = Math.abs(x);
        double ax2 = ax * ax;
        double ax3 = ax2 * ax;
        if (ax <= 1) {
            return 1.5 * ax3 - 2.5 * ax2 + 1;
        }
        if (ax <= 2) {
            return -0.5 * ax3 + 2.5 * ax2 - 4 * ax + 2;
        }
        return 0;
    }

    /** Maps a 1-based index onto {@code 1..n} by symmetric padding (edge repeated), returned 0-based. */
    private static int mirror(int oneBased, int n) {
        int period = 2 * n;
        int m = Math.floorMod(oneBased - 1, period);
        return m < n ? m : period - 1 - m;
    }
}
