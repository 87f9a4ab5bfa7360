package dev.attnvision.attention;

import static dev.attnvision.attention.BlockTestKit.forward;
import static dev.attnvision.attention.BlockTestKit.randomNormal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Float32 against loops within {@code 1e-5 * |ref| + 2e-6}; gradients with the kit's defaults. */
class HarSpatialAttentionTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 2e-6;
    private static final int[] DILATIONS = {1, 2, 5, 2};
    private static final Shape IN = new Shape(2, 5, 9, 8);

    private static HarSpatialAttention block() {
        return HarSpatialAttention.builder().build();
    }

    @ParameterizedTest(name = "GN groups {0}")
    @ValueSource(ints = {4, 0})
    void mapAndGatedFeaturesMatchNaiveLoops(int normGroups) {
        try (NDManager m = BlockTestKit.newManager()) {
            HarSpatialAttention block = HarSpatialAttention.builder().optNormGroups(normGroups).build();
            BlockTestKit.initialize(block, m, IN);
            // without GN, smaller weights keep the activations near 1 through the five convolutions
            BlockTestKit.randomizeParameters(block, 1, normGroups > 0 ? 0.5 : 0.1);
            NDArray x = randomNormal(m, IN, 2);

            NaiveTensor map = naiveMap(block, NaiveTensor.of(x), normGroups);
            ParameterStore store = new ParameterStore(m, false);
            map.assertClose(block.attentionMap(store, x, false, null), RTOL, ATOL);
            NaiveTensor.of(x).mul(map).assertClose(forward(block, x).head(), RTOL, ATOL);
        }
    }

    @Test
    void probeRecordsTheMap() {
        try (NDManager m = BlockTestKit.newManager()) {
            HarSpatialAttention block = block();
            BlockTestKit.initialize(block, m, IN);
            BlockTestKit.randomizeParameters(block, 3, 0.5);
            NDArray x = randomNormal(m, IN, 4);

            AttentionRecorder recorder = BlockTestKit.recordAttention(block, x);

            List<AttentionRecorder.Recorded> maps = recorder.maps(block, HarSpatialAttention.PROBE_MAP);
            assertEquals(1, recorder.maps().size());
            naiveMap(block, NaiveTensor.of(x), 4).assertClose(maps.get(0), RTOL, ATOL);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = BlockTestKit.newManager()) {
            // two stages (one dilated) cover every op of the four; fewer parameters keep it quick
            HarSpatialAttention twoStages = HarSpatialAttention.builder().optDilations(1, 5).build();
            BlockTestKit.assertGradientsMatchFiniteDifferences(twoStages, m, 4, new Shape(1, 2, 6, 5));
        }
    }

    @Test
    void shapesCountAndStandardContracts() throws MalformedModelException {
        try (NDManager m = BlockTestKit.newManager()) {
            HarSpatialAttention block = block();
            BlockTestKit.initialize(block, m, IN);
            NDArray x = randomNormal(m, IN, 5);
            BlockTestKit.assertOutputShapes(block, x);
            int c = 5;
            // dilated convs without bias, each followed by GN's gamma and beta
            long dilated = 9L * c * 16 + 2 * 16 + 3 * (9L * 16 * 16 + 2 * 16);
            assertEquals(dilated + 9 * 16 + 1, BlockTestKit.parameterCount(block));
            HarSpatialAttention plain = HarSpatialAttention.builder().optNormGroups(0).build();
            BlockTestKit.initialize(plain, m, IN);
            // without GN the dilated convs carry a bias instead
            long biased = 9L * c * 16 + 16 + 3 * (9L * 16 * 16 + 16);
            assertEquals(biased + 9 * 16 + 1, BlockTestKit.parameterCount(plain));
            BlockTestKit.assertStandardContracts(HarSpatialAttentionTest::block, block, x, RTOL, ATOL);
        }
    }

    @Test
    void builderRejectsBadSettingsQuotingThem() {
        IllegalArgumentException groups = assertThrows(IllegalArgumentException.class,
                () -> HarSpatialAttention.builder().optHiddenChannels(10).optNormGroups(4).build());
        assertTrue(groups.getMessage().contains("10"), groups.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> HarSpatialAttention.builder().optNormGroups(-1).build());
        assertTrue(negative.getMessage().contains("-1"), negative.getMessage());
        IllegalArgumentException rates = assertThrows(IllegalArgumentException.class,
                () -> HarSpatialAttention.builder().optDilations(1, 0).build());
        assertTrue(rates.getMessage().contains("[1, 0]"), rates.getMessage());
    }

    /**
     * sigmoid(conv3x3(ReLU(GN(dilated conv(...))))) with loops, {@code (B, 1, H, W)}; without GN
     * (0 groups) the dilated convolutions have a bias.
     */
    private static NaiveTensor naiveMap(HarSpatialAttention block, NaiveTensor x, int normGroups) {
        NaiveTensor h = x;
        for (int i = 0; i < DILATIONS.length; i++) {
            int d = DILATIONS[i];
            String conv = "conv" + (i + 1) + ".";
            String gn = "gn" + (i + 1) + ".";
            if (normGroups > 0) {
                h = h.conv2d(NaiveTensor.parameter(block, conv + "weight"), null, d, d)
                        .groupNorm(normGroups, NaiveTensor.parameter(block, gn + "gamma"),
                                NaiveTensor.parameter(block, gn + "beta"), 1e-5);
            } else {
                h = h.conv2d(NaiveTensor.parameter(block, conv + "weight"),
                        NaiveTensor.parameter(block, conv + "bias"), d, d);
            }
            h = h.map(NaiveTensor::relu);
        }
        return h.conv2d(NaiveTensor.parameter(block, "gate.weight"),
                NaiveTensor.parameter(block, "gate.bias"), 1).map(NaiveTensor::sigmoid);
    }
}
