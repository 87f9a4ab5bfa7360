package dev.attnvision.core.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.attnvision.core.data.synth.ShapeKind;
import java.util.List;
import java.util.Locale;

/**
 * Inference throughput of the detector presets on channels-last input. Not a test: run its {@code main} on the
 * vision-core test classpath with arguments {@code [size] [batch] [iterations]} (default 512 1 8).
 */
public final class SingleStageDetectorBenchmark {
    private SingleStageDetectorBenchmark() {}

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        List<String> classes = ShapeKind.classNames();
        for (DetectorConfig config : List.of(DetectorConfig.harNet(classes), DetectorConfig.baseline(classes))) {
            SingleStageDetector detector = new SingleStageDetector(config);
            try (NDManager m = NDManager.newBaseManager()) {
                detector.initialize(m, DataType.FLOAT32, new Shape(batch, 3, size, size));
                NDArray x = m.randomUniform(0, 1, new Shape(batch, size, size, 3)).transpose(0, 3, 1, 2);
                ParameterStore store = new ParameterStore(m, false);
                run(detector, store, x, 2);
                long start = System.nanoTime();
                run(detector, store, x, iterations);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "%s: %.2f images/s at %dx%d, batch %d%n",
                        config.head().spatialAttention() ? "harNet" : "baseline", iterations * batch / seconds, size,
                        size, batch);
            }
        }
    }

    private static void run(SingleStageDetector detector, ParameterStore store, NDArray x, int times) {
        for (int i = 0; i < times; i++) {
            try (NDManager scope = x.getManager().newSubManager()) {
                x.tempAttach(scope);
                detector.forward(store, new NDList(x), false);
            }
        }
    }
}
