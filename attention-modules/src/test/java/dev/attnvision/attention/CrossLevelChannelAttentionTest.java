package dev.attnvision.attention;

import static dev.attnvision.attention.BlockTestKit.forward;
import static dev.attnvision.attention.BlockTestKit.randomNormal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Float32 against loops within {@code 1e-5 * |ref| + 2e-6}; gradients with the kit's defaults. */
class CrossLevelChannelAttentionTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 2e-6;
    private static final int C = 6;
    private static final Shape[] LEVELS = {
        new Shape(2, C, 8, 6), new Shape(2, C, 4, 3), new Shape(2, C, 2, 2)
    };

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

    /** h_l = ReLU(conv(x_l)) with loops. */
    private static NaiveTensor naiveFeatures(CrossLevelChannelAttention block, NDArray level) {
        return NaiveTensor.of(level).conv2d(NaiveTensor.parameter(block, "conv.weight"),
                NaiveTensor.parameter(block, "conv.bias"), 1).map(NaiveTensor::relu);
    }

    /** s = sigmoid(fc2(ReLU(fc1(z)))), z[c*L + l] = GAP(h_l)[c], with loops, {@code (B, C)}. */
    private static NaiveTensor naiveWeights(CrossLevelChannelAttention block, NDArray[] inputs) {
        NaiveTensor stacked = null; // (B, C, L, 1)
        for (NDArray level : inputs) {
            NaiveTensor pooled = naiveFeatures(block, level).mean(3).mean(2);
            stacked = stacked == null ? pooled : stacked.concat(pooled, 2);
        }
        return stacked.reshape(stacked.dim(0), C * inputs.length)
                .linear(NaiveTensor.parameter(block, "fc1.weight"),
                        NaiveTensor.parameter(block, "fc1.bias"))
                .map(NaiveTensor::relu)
                .linear(NaiveTensor.parameter(block, "fc2.weight"),
                        NaiveTensor.parameter(block, "fc2.bias"))
                .map(NaiveTensor::sigmoid);
    }

    @Test
    void everyLevelsFeaturesScaledByNaiveCrossLevelWeights() {
        try (NDManager m = BlockTestKit.newManager()) {
            CrossLevelChannelAttention block = block();
            BlockTestKit.initialize(block, m, LEVELS);
            BlockTestKit.randomizeParameters(block, 1, 0.5);
            NDArray[] inputs = levels(m, 2);

            NDList outputs = forward(block, inputs);

            NaiveTensor weights = naiveWeights(block, inputs).reshape(2, C, 1, 1);
            assertEquals(LEVELS.length, outputs.size());
            for (int l = 0; l < LEVELS.length; l++) {
                naiveFeatures(block, inputs[l]).mul(weights).assertClose(outputs.get(l), RTOL, ATOL);
            }
        }
    }

    @Test
    void probeRecordsTheChannelWeights() {
        try (NDManager m = BlockTestKit.newManager()) {
            CrossLevelChannelAttention block = block();
            BlockTestKit.initialize(block, m, LEVELS);
            BlockTestKit.randomizeParameters(block, 3, 0.5);
            NDArray[] inputs = levels(m, 4);

            AttentionRecorder recorder = BlockTestKit.recordAttention(block, inputs);

            List<AttentionRecorder.Recorded> maps =
                    recorder.maps(block, CrossLevelChannelAttention.PROBE_WEIGHTS);
            assertEquals(1, recorder.maps().size());
            naiveWeights(block, inputs).assertClose(maps.get(0), RTOL, ATOL);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = BlockTestKit.newManager()) {
            CrossLevelChannelAttention tiny = CrossLevelChannelAttention.builder()
                    .setLevels(2).setChannels(3).optHiddenUnits(4).build();
            BlockTestKit.assertGradientsMatchFiniteDifferences(
                    tiny, m, 5, new Shape(2, 3, 4, 3), new Shape(2, 3, 2, 2));
        }
    }

    @Test
    void shapesCountAndStandardContracts() throws MalformedModelException {
        try (NDManager m = BlockTestKit.newManager()) {
            CrossLevelChannelAttention block = block();
            BlockTestKit.initialize(block, m, LEVELS);
            NDArray[] inputs = levels(m, 6);
            BlockTestKit.assertOutputShapes(block, inputs);
            int levels = LEVELS.length;
            assertEquals((9L * C * C + C) + (32L * levels * C + 32) + (32L * C + C),
                    BlockTestKit.parameterCount(block));
            BlockTestKit.assertStandardContracts(
                    CrossLevelChannelAttentionTest::block, block, RTOL, ATOL, inputs);
        }
    }

    @Test
    void rejectsWrongLevelCountAndBadSettingsQuotingThem() {
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> block().getOutputShapes(new Shape[] {LEVELS[0], LEVELS[1]}));
        assertTrue(count.getMessage().contains("3") && count.getMessage().contains("2"),
                count.getMessage());
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                () -> block().getOutputShapes(
                        new Shape[] {LEVELS[0], LEVELS[1], new Shape(2, 5, 2, 2)}));
        assertTrue(channels.getMessage().contains("(2, 5, 2, 2)"), channels.getMessage());
        IllegalArgumentException levels = assertThrows(IllegalArgumentException.class,
                () -> CrossLevelChannelAttention.builder().setLevels(0).setChannels(4).build());
        assertTrue(levels.getMessage().contains("0"), levels.getMessage());
    }
}
