package dev.attnvision.attention;

import static dev.attnvision.attention.BlockTestKit.assertAllClose;
import static dev.attnvision.attention.BlockTestKit.forward;
import static dev.attnvision.attention.BlockTestKit.randomNormal;
import static dev.attnvision.attention.DeformableConv2dTest.ATOL;
import static dev.attnvision.attention.DeformableConv2dTest.RTOL;
import static dev.attnvision.attention.DeformableConv2dTest.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.attnvision.attention.NaiveOps.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Float32 against loops within {@code 1e-5 * |ref| + 2e-6}; gradients with the kit's defaults. */
class CrossLevelChannelAttentionTest {
    private static final int C = 6;
    private static final Shape[] LEVELS = {new Shape(2, C, 8, 6), new Shape(2, C, 4, 3), new Shape(2, C, 2, 2)};

    private static CrossLevelChannelAttention block() {
        return CrossLevelChannelAttention.builder().setLevels(LEVELS.length).setChannels(C).build();
    }

    private static NDArray[] levels(NDManager m, long seed) {
        NDArray[] levels = new NDArray[LEVELS.length];
        for (int l = 0; l < levels.length; l++) {
            levels[l] = randomNormal(m, LEVELS[l], seed + l);
        }
        return levels;
    }

    @Test
    void everyLevelScaledByNaiveCrossLevelWeights() {
        try (NDManager m = BlockTestKit.newManager()) {
            CrossLevelChannelAttention block = block();
            BlockTestKit.initialize(block, m, LEVELS);
            BlockTestKit.randomizeParameters(block, 1, 0.5);
            NDArray[] inputs = levels(m, 2);

            NDList outputs = forward(block, inputs);

            double[][] weights = naiveWeights(block, inputs);
            assertEquals(LEVELS.length, outputs.size());
            for (int l = 0; l < LEVELS.length; l++) {
                float[] x = inputs[l].toFloatArray();
                int plane = (int) (LEVELS[l].get(2) * LEVELS[l].get(3));
                float[] expected = new float[x.length];
                for (int i = 0; i < x.length; i++) {
                    expected[i] = (float) (x[i] * weights[i / (C * plane)][(i / plane) % C]);
                }
                assertAllClose(m.create(expected, LEVELS[l]), outputs.get(l), RTOL, ATOL);
            }
        }
    }

    @Test
    void probeRecordsTheChannelWeightsOnlyWhenAsked() {
        try (NDManager m = BlockTestKit.newManager()) {
            CrossLevelChannelAttention block = block();
            BlockTestKit.initialize(block, m, LEVELS);
            NDArray[] inputs = levels(m, 3);
            AttentionRecorder recorder = new AttentionRecorder();

            NDList probed = forward(block, AttentionProbe.params(recorder), inputs);

            List<AttentionRecorder.Recorded> maps =
                    recorder.maps(block, CrossLevelChannelAttention.PROBE_WEIGHTS);
            assertEquals(1, recorder.maps().size());
            assertEquals(new Shape(2, C), maps.get(0).shape());
            // the weights are the ratio output / input on any level
            float[] ratio = probed.get(2).div(inputs[2]).get(":, :, 0, 0").toFloatArray();
            BlockTestKit.assertAllClose(toDoubles(ratio), toDoubles(maps.get(0).values()), new Shape(2, C),
                    RTOL, ATOL, "recorded weights");
            NDList plain = forward(block, inputs);
            for (int l = 0; l < LEVELS.length; l++) {
                assertArrayEquals(plain.get(l).toFloatArray(), probed.get(l).toFloatArray());
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = BlockTestKit.newManager()) {
            BlockTestKit.assertGradientsMatchFiniteDifferences(
                    CrossLevelChannelAttention.builder().setLevels(2).setChannels(3).optHiddenUnits(4).build(),
                    m, 5, new Shape(2, 3, 4, 3), new Shape(2, 3, 2, 2));
        }
    }

    @Test
    void shapesCountSaveLoadBatchLayoutAndMemory() throws MalformedModelException {
        try (NDManager m = BlockTestKit.newManager()) {
            CrossLevelChannelAttention block = block();
            BlockTestKit.initialize(block, m, LEVELS);
            NDArray[] inputs = levels(m, 6);
            BlockTestKit.assertOutputShapes(block, inputs);
            int levels = LEVELS.length;
            assertEquals((9L * C * C + C) + (32L * levels * C + 32) + (32L * C + C),
                    BlockTestKit.parameterCount(block));
            BlockTestKit.assertSaveLoadIdentical(CrossLevelChannelAttentionTest::block, m, inputs);
            BlockTestKit.assertBatchMatchesSamples(block, RTOL, ATOL, inputs);
            BlockTestKit.assertChannelsLastMatches(block, RTOL, ATOL, inputs);
            try (NDManager data = BlockTestKit.newManager()) {
                NDArray[] copies = new NDArray[inputs.length];
                for (int l = 0; l < copies.length; l++) {
                    copies[l] = data.create(inputs[l].toFloatArray(), LEVELS[l]);
                }
                BlockTestKit.assertForwardKeepsNoTemporaries(block, copies);
            }
        }
    }

    @Test
    void rejectsWrongLevelCountAndBadSettingsQuotingThem() {
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> block().getOutputShapes(new Shape[] {LEVELS[0], LEVELS[1]}));
        assertTrue(count.getMessage().contains("3") && count.getMessage().contains("2"), count.getMessage());
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                () -> block().getOutputShapes(new Shape[] {LEVELS[0], LEVELS[1], new Shape(2, 5, 2, 2)}));
        assertTrue(channels.getMessage().contains("(2, 5, 2, 2)"), channels.getMessage());
        IllegalArgumentException levels = assertThrows(IllegalArgumentException.class,
                () -> CrossLevelChannelAttention.builder().setLevels(0).setChannels(4).build());
        assertTrue(levels.getMessage().contains("0"), levels.getMessage());
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Channel weights {@code [b][c]} computed with loops. */
    private static double[][] naiveWeights(CrossLevelChannelAttention block, NDArray[] inputs) {
        float[] convWeight = param(block, "01conv_weight").toFloatArray();
        float[] convBias = param(block, "01conv_bias").toFloatArray();
        int batch = (int) LEVELS[0].get(0);
        double[][] concatenated = new double[batch][LEVELS.length * C];
        for (int l = 0; l < LEVELS.length; l++) {
            Shape s = LEVELS[l];
            Tensor x = new Tensor(inputs[l].toFloatArray(), batch, C, (int) s.get(2), (int) s.get(3));
            double[][] pooled = NaiveOps.globalAveragePool(NaiveOps.conv2d(x, convWeight, convBias, C, 3, 1, 1));
            for (int b = 0; b < batch; b++) {
                System.arraycopy(pooled[b], 0, concatenated[b], l * C, C);
            }
        }
        double[][] weights = new double[batch][];
        for (int b = 0; b < batch; b++) {
            double[] hidden = NaiveOps.linear(concatenated[b],
                    param(block, "02fc1_weight").toFloatArray(), param(block, "02fc1_bias").toFloatArray());
            for (int i = 0; i < hidden.length; i++) {
                hidden[i] = Math.max(0, hidden[i]);
            }
            weights[b] = NaiveOps.linear(hidden,
                    param(block, "03fc2_weight").toFloatArray(), param(block, "03fc2_bias").toFloatArray());
            for (int c = 0; c < C; c++) {
                weights[b][c] = NaiveOps.sigmoid(weights[b][c]);
            }
        }
        return weights;
    }
}
