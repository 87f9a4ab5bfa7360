package dev.attnvision.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Speed of {@link DeformableConv2d} against a plain {@link Conv2d} of the same shape on a
 * detector-like C5 map, both fed a channels-last view. Not part of the suite; run with
 * {@code mvn -B -ntp -q -pl attention-modules test -Dtest=DeformableConv2dBenchmark
 * -Dattnvision.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "attnvision.bench", matches = "true")
class DeformableConv2dBenchmark {
    private static final int WARMUP = 5;
    private static final int RUNS = 40;

    @Test
    void deformableVersusPlainOnC5() {
        int channels = 256;
        int size = 16;
        try (NDManager m = NDManager.newBaseManager()) {
            Shape in = new Shape(1, channels, size, size);
            NDArray x = m.randomUniform(-1f, 1f, new Shape(1, size, size, channels))
                    .transpose(0, 3, 1, 2);
            Conv2d conv = Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                    .setFilters(channels).build();
            conv.initialize(m, DataType.FLOAT32, in);
            DeformableConv2d deform = DeformableConv2d.builder().setFilters(channels).setKernelSize(3)
                    .optPadding(1).build();
            Shape offsetShape = new Shape(1, deform.getOffsetChannels(), size, size);
            deform.initialize(m, DataType.FLOAT32, in, offsetShape);
            NDArray offsets = m.randomUniform(-2f, 2f, offsetShape);

            ParameterStore ps = new ParameterStore(m, false);
            double[] plain = new double[RUNS];
            double[] deformable = new double[RUNS];
            for (int i = -WARMUP; i < RUNS; i++) {
                // interleaved, so load from other processes hits both alike
                double p = millis(conv, ps, new NDList(x));
                double d = millis(deform, ps, new NDList(x, offsets));
                if (i >= 0) {
                    plain[i] = p;
                    deformable[i] = d;
                }
            }
            Arrays.sort(plain);
            Arrays.sort(deformable);
            double plainMedian = plain[RUNS / 2];
            double deformableMedian = deformable[RUNS / 2];
            System.out.printf("C5 1x%dx%dx%d -> %d, 3x3, channels-last input, %d runs:"
                    + " Conv2d min %.2f / median %.2f ms, DeformableConv2d min %.2f / median %.2f ms,"
                    + " ratio of minima %.1fx, of medians %.1fx%n",
                    channels, size, size, channels, RUNS, plain[0], plainMedian, deformable[0],
                    deformableMedian, deformable[0] / plain[0], deformableMedian / plainMedian);
        }
    }

    private static double millis(Block block, ParameterStore ps, NDList inputs) {
        try (NDManager scope = inputs.head().getManager().newSubManager()) {
            long start = System.nanoTime();
            NDList out = block.forward(ps, inputs, false);
            out.head().toFloatArray();
            double elapsed = (System.nanoTime() - start) / 1e6;
            out.attach(scope);
            return elapsed;
        }
    }
}
