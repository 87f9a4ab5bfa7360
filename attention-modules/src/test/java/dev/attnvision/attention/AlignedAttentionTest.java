package dev.attnvision.attention;

import static dev.attnvision.attention.BlockTestKit.assertAllClose;
import static dev.attnvision.attention.BlockTestKit.forward;
import static dev.attnvision.attention.BlockTestKit.randomNormal;
import static dev.attnvision.attention.DeformableConv2dTest.ATOL;
import static dev.attnvision.attention.DeformableConv2dTest.RTOL;
import static dev.attnvision.attention.DeformableConv2dTest.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import dev.attnvision.attention.NaiveOps.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Float32 against loops and Conv2d within {@code 1e-5 * |ref| + 2e-6}. */
class AlignedAttentionTest {
    private static final Shape IN = new Shape(2, 4, 6, 5);

    @Test
    void freshBlockIsThePlainConvolution() {
        try (NDManager m = BlockTestKit.newManager()) {
            AlignedAttention block = AlignedAttention.builder().setFilters(3).build();
            BlockTestKit.initialize(block, m, IN);
            assertEquals(0f, param(block, "01conv_offset_weight").abs().max().getFloat());
            Conv2d conv = Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                    .setFilters(3).build();
            BlockTestKit.initialize(conv, m, IN);
            conv.getParameters().get("weight").getArray().set(param(block, "02deform_conv_weight").toFloatArray());
            conv.getParameters().get("bias").getArray().set(param(block, "02deform_conv_bias").toFloatArray());
            NDArray x = randomNormal(m, IN, 1);

            assertAllClose(forward(conv, x).head(), forward(block, x).head(), RTOL, ATOL);
        }
    }

    @Test
    void predictedOffsetsDeformTheConvolutionLikeNaiveLoops() {
        try (NDManager m = BlockTestKit.newManager()) {
            AlignedAttention block = AlignedAttention.builder().setFilters(3).optDeformableGroups(2).build();
            BlockTestKit.initialize(block, m, IN);
            BlockTestKit.randomizeParameters(block, 2, 0.5);
            NDArray x = randomNormal(m, IN, 3);

            NDArray actual = forward(block, x).head();

            Tensor offsets = NaiveOps.conv2d(new Tensor(x.toFloatArray(), 2, 4, 6, 5),
                    param(block, "01conv_offset_weight").toFloatArray(),
                    param(block, "01conv_offset_bias").toFloatArray(), 2 * 2 * 9, 3, 1, 1);
            NaiveDeformableConv reference = new NaiveDeformableConv(3, 1, 1, 1, 2);
            float[] expected = reference.forward(x.toFloatArray(), IN, offsets.data(),
                    param(block, "02deform_conv_weight").toFloatArray(),
                    param(block, "02deform_conv_bias").toFloatArray(), 3);
            assertAllClose(m.create(expected, actual.getShape()), actual, RTOL, ATOL);
            assertTrue(reference.outsideSamples > 0, "some predicted offsets should leave the image");
        }
    }

    @Test
    void probeRecordsTheOffsetsOnlyWhenAsked() {
        try (NDManager m = BlockTestKit.newManager()) {
            AlignedAttention block = AlignedAttention.builder().setFilters(3).build();
            BlockTestKit.initialize(block, m, IN);
            BlockTestKit.randomizeParameters(block, 4, 0.5);
            NDArray x = randomNormal(m, IN, 5);
            AttentionRecorder recorder = new AttentionRecorder();

            NDArray probed = forward(block, AttentionProbe.params(recorder), x).head();

            List<AttentionRecorder.Recorded> maps = recorder.maps(block, AlignedAttention.PROBE_OFFSETS);
            assertEquals(1, recorder.maps().size());
            assertEquals(new Shape(2, 18, 6, 5), maps.get(0).shape());
            Tensor offsets = NaiveOps.conv2d(new Tensor(x.toFloatArray(), 2, 4, 6, 5),
                    param(block, "01conv_offset_weight").toFloatArray(),
                    param(block, "01conv_offset_bias").toFloatArray(), 18, 3, 1, 1);
            assertAllClose(m.create(offsets.data(), maps.get(0).shape()),
                    m.create(maps.get(0).values(), maps.get(0).shape()), RTOL, ATOL);
            assertArrayEquals(forward(block, x).head().toFloatArray(), probed.toFloatArray());
        }
    }

    @Test
    void shapesCountSaveLoadBatchLayoutAndMemory() throws MalformedModelException {
        try (NDManager m = BlockTestKit.newManager()) {
            AlignedAttention block = AlignedAttention.builder().setFilters(3).optStride(2).optDeformableGroups(2).build();
            BlockTestKit.initialize(block, m, IN);
            BlockTestKit.randomizeParameters(block, 6, 0.5);
            NDArray x = randomNormal(m, IN, 7);
            assertEquals(new Shape(2, 3, 3, 3), BlockTestKit.assertOutputShapes(block, x).head().getShape());
            int c = 4;
            int o = 3;
            int offsetChannels = 2 * 2 * 9;
            assertEquals((offsetChannels * c * 9L + offsetChannels) + (o * c * 9L + o),
                    BlockTestKit.parameterCount(block));
            BlockTestKit.assertSaveLoadIdentical(
                    () -> AlignedAttention.builder().setFilters(3).optStride(2).optDeformableGroups(2).build(), m, x);
            BlockTestKit.assertBatchMatchesSamples(block, x, RTOL, ATOL);
            BlockTestKit.assertChannelsLastMatches(block, x, RTOL, ATOL);
            try (NDManager data = BlockTestKit.newManager()) {
                BlockTestKit.assertForwardKeepsNoTemporaries(block, data.create(x.toFloatArray(), x.getShape()));
            }
        }
    }
}
