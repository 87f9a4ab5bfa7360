package dev.attnvision.core.detect;

import dev.attnvision.core.image.Raster;
import dev.attnvision.core.pipeline.PeakMemory;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Inference speed of a detector at a given input size: after unmeasured warm-up passes, times each pass of
 * {@link ObjectDetector#detect} over one decoded image of that size (letterbox, channels-last input, forward, head
 * averaging, decoding and NMS at COCO's evaluation thresholds; no file reading), and
 * reports throughput, median and 90th-percentile latency, the multiply-adds per image ({@link MultiplyAdds}) and
 * the peak resident memory ({@link PeakMemory}, reset before each size).
 */
public final class DetectorBenchmark {
    /**
     * The result at one size.
     *
     * @param side the square input side in pixels
     * @param multiplyAdds multiply-adds per image
     * @param imagesPerSecond passes per second over the measured passes
     * @param medianMs median latency
     * @param p90Ms 90th-percentile latency (nearest rank)
     * @param peakKib peak resident memory during the size's passes, empty where unknown
     */
    public record Result(int side, long multiplyAdds, double imagesPerSecond, double medianMs, double p90Ms,
            OptionalLong peakKib) {
        /** Floating-point operations per image, counting a multiply-add as two. */
        public double gflops() {
            return 2 * multiplyAdds / 1e9;
        }
    }

    private final SingleStageDetector detector;
    private final LongSupplier nanoTime;

    /** @param detector an initialised detector; @param nanoTime the monotonic clock */
    public DetectorBenchmark(SingleStageDetector detector, LongSupplier nanoTime) {
        this.detector = detector;
        this.nanoTime = nanoTime;
    }

    /** Times {@code passes} passes at {@code side} after {@code warmUp} unmeasured ones. */
    public Result run(int side, int warmUp, int passes) {
        if (passes < 1 || warmUp < 0) {
            throw new IllegalArgumentException("need at least 1 measured pass and no negative warm-up, got " + passes
                    + " and " + warmUp);
        }
        DetectorModelConfig.checkImageSize(side);
        float[] pixels = new float[side * side * 3];
        SplittableRandom random = new SplittableRandom(side);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(256);
        }
        Raster image = new Raster(side, side, 3, 8, pixels);
        double[] ms = new double[passes];
        PeakMemory.resetPeak();
        try (ObjectDetector inference = new ObjectDetector(detector, DetectionSettings.forEvaluation(side))) {
            for (int i = -warmUp; i < passes; i++) {
                long start = nanoTime.getAsLong();
                inference.detect(image);
                if (i >= 0) {
                    ms[i] = (nanoTime.getAsLong() - start) / 1e6;
                }
            }
        }
        OptionalLong peak = PeakMemory.peakKib();
        double total = Arrays.stream(ms).sum();
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = passes % 2 == 1 ? sorted[passes / 2] : (sorted[passes / 2 - 1] + sorted[passes / 2]) / 2;
        double p90 = sorted[(int) Math.ceil(0.9 * passes) - 1];
        return new Result(side, MultiplyAdds.detector(detector.config(), side), passes / (total / 1e3), median, p90,
                peak);
    }
}
