package dev.attnvision.attention;

import static dev.attnvision.attention.BlockTestKit.assertAllClose;
import static dev.attnvision.attention.BlockTestKit.forward;
import static dev.attnvision.attention.BlockTestKit.randomNormal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Float32 against loops and Conv2d within {@code 1e-5 * |ref| + 2e-6}. */
class AlignedAttentionTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 2e-6;
    private static final Shape IN = new Shape(2, 4, 6, 5);

    private static AlignedAttention block() {
        return AlignedAttention.around(sameDeformable().optDeformableGroups(2).build());
    }

    /** A 3x3 "same" deformable convolution to 3 channels. */
    private static DeformableConv2d.Builder sameDeformable() {
        return DeformableConv2d.builder().setFilters(3).setKernelSize(3).optPadding(1);
    }

    /** The offsets the block should predict, with loops. */
    private static NaiveTensor naiveOffsets(AlignedAttention block, NDArray x) {
        return NaiveTensor.of(x).conv2d(NaiveTensor.parameter(block, "conv_offset.weight"),
                NaiveTensor.parameter(block, "conv_offset.bias"), 1);
    }

    @Test
    void freshBlockIsThePlainConvolution() {
        try (NDManager m = BlockTestKit.newManager()) {
            AlignedAttention block = AlignedAttention.around(sameDeformable().build());
            BlockTestKit.initialize(block, m, IN);
            NDArray offsetWeight = ParameterPaths.of(block).get("conv_offset.weight").getArray();
            assertEquals(0f, offsetWeight.abs().max().getFloat());
            Conv2d conv = Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                    .setFilters(3).build();
            BlockTestKit.initialize(conv, m, IN);
            for (String name : new String[] {"weight", "bias"}) {
                ParameterValues.assign(conv.getParameters().get(name).getArray(),
                        ParameterPaths.of(block).get("deform_conv." + name).getArray());
            }
            NDArray x = randomNormal(m, IN, 1);

            assertAllClose(forward(conv, x).head(), forward(block, x).head(), RTOL, ATOL);
        }
    }

    @Test
    void zeroInitialisedOffsetsStillLearn() {
        try (NDManager m = BlockTestKit.newManager()) {
            AlignedAttention block = block();
            BlockTestKit.initialize(block, m, IN);
            NDArray x = randomNormal(m, IN, 9);
            NDArray offsetWeight = ParameterPaths.of(block).get("conv_offset.weight").getArray();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = block.forward(new ParameterStore(m, false), new NDList(x), true).head();
                collector.backward(y.mul(randomNormal(m, y.getShape(), 10)).sum());
                // bilinear sampling has a slope at whole-pixel offsets, so the offsets move
                assertTrue(offsetWeight.getGradient().abs().max().getFloat() > 1e-3f,
                        "no gradient reaches the zero-initialised offset convolution");
            }
        }
    }

    @Test
    void predictedOffsetsDeformTheConvolutionLikeNaiveLoops() {
        try (NDManager m = BlockTestKit.newManager()) {
            AlignedAttention block = block();
            BlockTestKit.initialize(block, m, IN);
            BlockTestKit.randomizeParameters(block, 2, 0.5);
            NDArray x = randomNormal(m, IN, 3);

            NaiveDeformableConv reference = new NaiveDeformableConv(3, 1, 1, 1, 2);
            NaiveTensor expected = reference.forward(NaiveTensor.of(x), naiveOffsets(block, x),
                    NaiveTensor.parameter(block, "deform_conv.weight"),
                    NaiveTensor.parameter(block, "deform_conv.bias"));
            expected.assertClose(forward(block, x).head(), RTOL, ATOL);
            assertTrue(reference.outsideSamples > 0, "some predicted offsets should leave the image");
        }
    }

    @Test
    void probeRecordsTheOffsets() {
        try (NDManager m = BlockTestKit.newManager()) {
            AlignedAttention block = block();
            BlockTestKit.initialize(block, m, IN);
            BlockTestKit.randomizeParameters(block, 4, 0.5);
            NDArray x = randomNormal(m, IN, 5);

            AttentionRecorder recorder = BlockTestKit.recordAttention(block, x);

            List<AttentionRecorder.Recorded> maps = recorder.maps(block, AlignedAttention.PROBE_OFFSETS);
            assertEquals(1, recorder.maps().size());
            naiveOffsets(block, x).assertClose(maps.get(0), RTOL, ATOL);
        }
    }

    @Test
    void shapesCountAndStandardContracts() throws MalformedModelException {
        try (NDManager m = BlockTestKit.newManager()) {
            AlignedAttention strided = AlignedAttention.around(sameDeformable().optStride(2).build());
            BlockTestKit.initialize(strided, m, IN);
            NDArray y = BlockTestKit.assertOutputShapes(strided, randomNormal(m, IN, 6)).head();
            assertEquals(new Shape(2, 3, 3, 3), y.getShape());
            AlignedAttention block = block();
            BlockTestKit.initialize(block, m, IN);
            BlockTestKit.randomizeParameters(block, 7, 0.5);
            int c = 4;
            int o = 3;
            int offsetChannels = 2 * 2 * 9;
            assertEquals((offsetChannels * c * 9L + offsetChannels) + (o * c * 9L + o),
                    BlockTestKit.parameterCount(block));
            BlockTestKit.assertStandardContracts(
                    AlignedAttentionTest::block, block, randomNormal(m, IN, 8), RTOL, ATOL);
        }
    }
}
