package dev.attnvision.core.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.attnvision.core.data.transform.LetterboxTransform;
import dev.attnvision.core.detect.anchor.AnchorGenerator;
import dev.attnvision.core.detect.head.HarRetinaHead;
import dev.attnvision.core.detect.postprocess.DetectionDecoder;
import dev.attnvision.core.pipeline.PeakMemory;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Inference speed of a detector at a given input size: after unmeasured warm-up passes, times each pass over one
 * image (channels-last input, forward, head averaging, decoding with NMS; no image decoding or letterboxing), and
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

    /** Times {@code passes} passes at {@code side} after {@code warmUp} unmeasured ones, with the detector on {@code manager}. */
    public Result run(NDManager manager, int side, int warmUp, int passes) {
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
        DetectionDecoder decoder = DetectionDecoder.retinaNet();
        LetterboxTransform identity = LetterboxTransform.identity(side, side);
        double[] ms = new double[passes];
        PeakMemory.resetPeak();
        try (NDManager scope = manager.newSubManager()) {
            NDArray anchors = new AnchorGenerator(detector.config().anchors()).generate(scope, side, side);
            for (int i = -warmUp; i < passes; i++) {
                long start = nanoTime.getAsLong();
                try (NDManager pass = scope.newSubManager()) {
                    NDArray input = DetectorInput.fromNhwc(pass, pixels, 1, side, side);
                    NDList heads = HarRetinaHead.averageHeads(
                            detector.forward(new ParameterStore(pass, false), new NDList(input), false));
                    decoder.decode(heads.get(0).get(0), heads.get(1).get(0), anchors, identity);
                }
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

    /** Results at every size of {@code sides}, in order. */
    public List<Result> run(NDManager manager, List<Integer> sides, int warmUp, int passes) {
        return sides.stream().map(side -> run(manager, side, warmUp, passes)).toList();
    }
}
