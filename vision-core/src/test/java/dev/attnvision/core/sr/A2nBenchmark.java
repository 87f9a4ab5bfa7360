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
 * at 128, 256 and 512 px inputs, fed channels-last (NHWC viewed as NCHW) and as contiguous NCHW, alternately. Not
 * part of the test run (the class name does not match surefire's test patterns); start it with
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
            System.out.printf("A2N x2 forward, %d threads%n%-8s %22s %22s%n%-8s %11s %10s %11s %10s%n",
                    Runtime.getRuntime().availableProcessors(), "", "channels-last", "NCHW",
                    "input", "median s", "GFLOP/s", "median s", "GFLOP/s");
            for (int size : SIZES) {
                double flops = 2.0 * net.multiplyAdds(size, size);
                int runs = size >= 512 ? 3 : 5;
                double[] channelsLast = new double[runs];
                double[] nchw = new double[runs];
                // the two layouts alternate, so both see the same load from the rest of the machine
                for (int r = -1; r < runs; r++) {
                    double a = seconds(net, manager, size, true);
                    double b = seconds(net, manager, size, false);
                    if (r >= 0) {
                        channelsLast[r] = a;
                        nchw[r] = b;
                    }
                }
                double cl = median(channelsLast);
                double plain = median(nchw);
                System.out.printf("%-8s %11.3f %10.1f %11.3f %10.1f%n", size + "px", cl, flops / cl / 1e9, plain,
                        flops / plain / 1e9);
            }
        }
    }

    private static double seconds(A2n net, NDManager manager, int size, boolean channelsLast) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray image = channelsLast
                    ? scope.randomUniform(0, 255, new Shape(1, size, size, 3)).transpose(0, 3, 1, 2)
                    : scope.randomUniform(0, 255, new Shape(1, 3, size, size));
            long start = System.nanoTime();
            NDArray out = net.forward(new ParameterStore(scope, false), new NDList(image), false).singletonOrThrow();
            out.toFloatArray(); // waits for the result
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
