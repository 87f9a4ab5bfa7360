package dev.attnvision.core.sr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A2N x2 forward speed in GFLOP/s (2 x {@link A2n#multiplyAdds} per second, median of several runs after a warm-up)
 * at 128, 256 and 512 px inputs, fed channels-last (NHWC viewed as NCHW) and as contiguous NCHW. Not part of the
 * test run; start it with
 * {@code mvn -B -ntp -q -pl vision-core -am test -Dtest=A2nBenchmark -Dattnvision.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "attnvision.benchmark", matches = "true")
class A2nBenchmark {
    private static final int[] SIZES = {128, 256, 512};

    @Test
    void forwardSpeed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = A2n.builder().setConfig(A2nConfig.x2()).build();
            net.initialize(manager, DataType.FLOAT32, A2n.sampleInputShape());
            net.freezeParameters(true);
            System.out.printf("A2N x2 forward, %d threads%n%-8s %-14s %10s %10s%n",
                    Runtime.getRuntime().availableProcessors(), "input", "layout", "median s", "GFLOP/s");
            for (int size : SIZES) {
                double flops = 2.0 * net.multiplyAdds(size, size);
                int runs = size >= 512 ? 3 : 5;
                for (boolean channelsLast : new boolean[] {true, false}) {
                    double seconds = medianSeconds(net, manager, size, channelsLast, runs);
                    System.out.printf("%-8s %-14s %10.3f %10.1f%n", size + "px",
                            channelsLast ? "channels-last" : "NCHW", seconds, flops / seconds / 1e9);
                }
            }
        }
    }

    private static double medianSeconds(A2n net, NDManager manager, int size, boolean channelsLast, int runs) {
        double[] seconds = new double[runs];
        for (int r = -1; r < runs; r++) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray image = channelsLast
                        ? scope.randomUniform(0, 255, new Shape(1, size, size, 3)).transpose(0, 3, 1, 2)
                        : scope.randomUniform(0, 255, new Shape(1, 3, size, size));
                long start = System.nanoTime();
                NDArray out = net.forward(new ParameterStore(scope, false), new NDList(image), false).singletonOrThrow();
                out.toFloatArray(); // waits for the result
                if (r >= 0) {
                    seconds[r] = (System.nanoTime() - start) / 1e9;
                }
            }
        }
        Arrays.sort(seconds);
        return seconds[runs / 2];
    }
}
