package dev.attnvision.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
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
    private static final int RUNS = 30;

    @Test
    void deformableVersusPlainOnC5() {
        int channels = 256;
        int size = 16;
        try (NDManager m = NDManager.newBaseManager()) {
            Shape in = new Shape(1, channels, size, size);
            NDArray x = m.randomUniform(-1f, 1f, new Shape(1, size, size, channels)).transpose(0, 3, 1, 2);
            Conv2d conv = Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                    .setFilters(channels).build();
            conv.initialize(m, DataType.FLOAT32, in);
            DeformableConv2d deform = DeformableConv2d.builder().setFilters(channels).setKernelSize(3)
                    .optPadding(1).build();
            Shape offsetShape = new Shape(1, deform.getOffsetChannels(), size, size);
            deform.initialize(m, DataType.FLOAT32, in, offsetShape);
            NDArray offsets = m.randomUniform(-2f, 2f, offsetShape);

            double plain = millis(conv, new NDList(x), m);
            double deformable = millis(deform, new NDList(x, offsets), m);
            System.out.printf("C5 1x%dx%dx%d -> %d, 3x3, channels-last input: Conv2d %.2f ms, "
                    + "DeformableConv2d %.2f ms, ratio %.1fx%n", channels, size, size, channels, plain,
                    deformable, deformable / plain);
        }
    }

    private static double millis(Block block, NDList inputs, NDManager m) {
        ParameterStore ps = new ParameterStore(m, false);
        for (int i = 0; i < WARMUP; i++) {
            try (NDManager scope = m.newSubManager()) {
                NDList out = block.forward(ps, inputs, false);
                out.attach(scope);
            }
        }
        long start = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
            try (NDManager scope = m.newSubManager()) {
                NDList out = block.forward(ps, inputs, false);
                out.head().toFloatArray();
                out.attach(scope);
            }
        }
        return (System.nanoTime() - start) / 1e6 / RUNS;
    }
}
