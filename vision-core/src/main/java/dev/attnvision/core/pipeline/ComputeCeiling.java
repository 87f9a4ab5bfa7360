package dev.attnvision.core.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The machine's compute ceiling as the engine reaches it, measured in the run that reports against it: a large
 * channels-last 1x1 convolution ({@value #CHANNELS} to {@value #CHANNELS} channels over {@value #SIDE} x
 * {@value #SIDE} pixels, i.e. a {@code 4096^3} GEMM in oneDNN, {@code 2 x 4096^3} FLOPs), the median of several
 * runs after a warm-up, on the engine's current threads. Machines change between sessions (190 GFLOP/s on one,
 * 337 on another), so a benchmark's rates mean something only as a share of the ceiling of the same run.
 */
public final class ComputeCeiling {
    /** Input and output channels of the convolution. */
    public static final int CHANNELS = 4096;
    /** The side of its square input. */
    public static final int SIDE = 64;

    private ComputeCeiling() {}

    /** What was measured: the median rate, the runs, and the FLOPs of one run. */
    public record Measurement(double gflops, int runs, double flops) {
        /** A one-line description for a report. */
        public String describe() {
            return String.format(Locale.ROOT, "%.1f GFLOP/s (channels-last 1x1 convolution, %d -> %d channels"
                    + " over %dx%d px, %.0f GFLOP a run, median of %d)", gflops, CHANNELS, CHANNELS, SIDE, SIDE,
                    flops / 1e9, runs);
        }
    }

    /**
     * Measures the ceiling.
     *
     * @param runs timed runs after one warm-up, at least 1
     * @param nanoTime the clock
     */
    public static Measurement measure(int runs, LongSupplier nanoTime) {
        if (runs < 1) {
            throw new IllegalArgumentException("need at least one run, got " + runs);
        }
        double flops = 2.0 * CHANNELS * CHANNELS * SIDE * SIDE;
        double[] seconds = new double[runs];
        try (NDManager manager = NDManager.newBaseManager()) {
            // an NHWC buffer viewed as NCHW is a channels-last input
            NDArray input = manager.randomUniform(-1, 1, new Shape(1, SIDE, SIDE, CHANNELS)).transpose(0, 3, 1, 2);
            NDArray weight = manager.randomUniform(-0.01f, 0.01f, new Shape(CHANNELS, CHANNELS, 1, 1));
            for (int r = -1; r < runs; r++) {
                long start = nanoTime.getAsLong();
                try (NDArray out = Conv2d.conv2d(input, weight).singletonOrThrow()) {
                    out.getFloat(0, 0, 0, 0); // waits for the result
                }
                if (r >= 0) {
                    seconds[r] = (nanoTime.getAsLong() - start) / 1e9;
                }
            }
        }
        Arrays.sort(seconds);
        double median = runs % 2 == 1 ? seconds[runs / 2] : (seconds[runs / 2 - 1] + seconds[runs / 2]) / 2;
        return new Measurement(flops / median / 1e9, runs, flops);
    }
}
