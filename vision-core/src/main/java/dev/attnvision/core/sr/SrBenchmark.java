package dev.attnvision.core.sr;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.pipeline.PeakMemory;
import dev.attnvision.core.train.SeededInitialization;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Times A2N super-resolution on square generated images, whole or tiled by {@link TiledUpscaler} (what
 * {@code attnvision upscale} runs, Raster copies included): the median of several runs after one warm-up run, the
 * network's arithmetic rate, {@code 2 x A2n.multiplyAdds(image) / seconds} (the image's own work; a tiled run's
 * overlap counts as overhead, not as work), and the process's peak resident memory. OpenCV's
 * bicubic interpolation of the same image is the reference.
 */
public final class SrBenchmark {
    /**
     * One timed configuration.
     *
     * @param size the input's width and height
     * @param mode how it ran: the tiling, or OpenCV bicubic
     * @param medianSeconds the median wall time of one image
     * @param outputMegapixelsPerSecond output pixels per second, in millions
     * @param gflops {@code 2 x multiply-adds / seconds / 1e9}; NaN for bicubic
     * @param peakKib the process's peak resident memory during these runs (Linux), if known
     */
    public record Result(int size, String mode, double medianSeconds, double outputMegapixelsPerSecond, double gflops,
            OptionalLong peakKib) {}

    private final A2n network;
    private final LongSupplier nanoTime;

    /**
     * @param network an initialized, frozen A2N
     * @param nanoTime the clock
     */
    public SrBenchmark(A2n network, LongSupplier nanoTime) {
        this.network = network;
        this.nanoTime = nanoTime;
    }

    /**
     * An A2N of the released shape for {@code scale} with seeded random weights in {@code manager}, frozen: the
     * speed of a network does not depend on its weights.
     */
    public static A2n randomA2n(int scale, NDManager manager) {
        A2n net = A2n.builder().setConfig(A2nConfig.forScale(scale)).build();
        net.initialize(manager, DataType.FLOAT32, A2n.sampleInputShape());
        SeededInitialization.apply(net, 1);
        net.freezeParameters(true);
        return net;
    }

    /** Times {@code runs} upscales of a {@code size x size} image by the network after one warm-up. */
    public Result time(int size, Tiling tiling, int runs) {
        try (TiledUpscaler upscaler = new TiledUpscaler(network, tiling)) {
            return time(size, tiling.toString(), upscaler, runs, 2.0 * network.multiplyAdds(size, size));
        }
    }

    /** Times {@code runs} OpenCV bicubic upscales of the same {@code size x size} image after one warm-up. */
    public Result bicubic(int size, int runs) {
        return time(size, "OpenCV bicubic (reference)", new BicubicUpscaler(network.config().scale()), runs, Double.NaN);
    }

    /** Times {@code upscaler} as {@code upscale} runs it: into an 8-bit image filled as it goes. */
    private Result time(int size, String mode, RgbUpscaler upscaler, int runs, double flops) {
        if (runs < 1 || size < 1) {
            throw new IllegalArgumentException("need at least one run of at least 1 px, got " + runs + " runs of " + size);
        }
        Raster image = noise(size);
        int scale = network.config().scale();
        double[] seconds = new double[runs];
        PeakMemory.resetPeak();
        upscaler.upscale(image, Raster.atDepth(size * scale, size * scale, 3, 8));
        for (int r = 0; r < runs; r++) {
            long start = nanoTime.getAsLong();
            upscaler.upscale(image, Raster.atDepth(size * scale, size * scale, 3, 8));
            seconds[r] = (nanoTime.getAsLong() - start) / 1e9;
        }
        Arrays.sort(seconds);
        double median = runs % 2 == 1 ? seconds[runs / 2] : (seconds[runs / 2 - 1] + seconds[runs / 2]) / 2;
        double outputPixels = (double) size * size * scale * scale;
        return new Result(size, mode, median, outputPixels / median / 1e6, flops / median / 1e9,
                PeakMemory.peakKib());
    }

    private static Raster noise(int size) {
        SplittableRandom random = new SplittableRandom(size);
        Raster image = Raster.atDepth(size, size, 3, 8);
        for (int i = 0; i < image.samples().length(); i++) {
            image.samples().set(i, random.nextInt(256));
        }
        return image;
    }
}
