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
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.attnvision.attention.NaiveOps.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Float32 against loops within {@code 1e-5 * |ref| + 2e-6}; gradients with the kit's defaults. */
class HarSpatialAttentionTest {
    private static final int[] DILATIONS = {1, 2, 5, 2};
    private static final Shape IN = new Shape(2, 5, 9, 8);

    @Test
    void mapAndGatedFeaturesMatchNaiveLoops() {
        try (NDManager m = BlockTestKit.newManager()) {
            HarSpatialAttention block = HarSpatialAttention.builder().build();
            BlockTestKit.initialize(block, m, IN);
            BlockTestKit.randomizeParameters(block, 1, 0.5);
            NDArray x = randomNormal(m, IN, 2);

            float[] map = naiveMap(block, new Tensor(x.toFloatArray(), 2, 5, 9, 8));
            float[] xs = x.toFloatArray();
            float[] gated = new float[xs.length];
            int pixels = 9 * 8;
            for (int i = 0; i < xs.length; i++) {
                gated[i] = xs[i] * map[i / (5 * pixels) * pixels + i % pixels];
            }
            NDArray actualMap = block.attentionMap(new ParameterStore(m, false), x, false, null);
            assertAllClose(m.create(map, new Shape(2, 1, 9, 8)), actualMap, RTOL, ATOL);
            assertAllClose(m.create(gated, IN), forward(block, x).head(), RTOL, ATOL);
        }
    }

    @Test
    void probeRecordsTheMapOnlyWhenAsked() {
        try (NDManager m = BlockTestKit.newManager()) {
            HarSpatialAttention block = HarSpatialAttention.builder().build();
            BlockTestKit.initialize(block, m, IN);
            NDArray x = randomNormal(m, IN, 3);
            AttentionRecorder recorder = new AttentionRecorder();

            NDArray probed = forward(block, AttentionProbe.params(recorder), x).head();

            List<AttentionRecorder.Recorded> maps = recorder.maps(block, HarSpatialAttention.PROBE_MAP);
            assertEquals(1, recorder.maps().size());
            assertEquals(new Shape(2, 1, 9, 8), maps.get(0).shape());
            NDArray map = block.attentionMap(new ParameterStore(m, false), x, false, null);
            assertArrayEquals(map.toFloatArray(), maps.get(0).values());
            assertArrayEquals(forward(block, x).head().toFloatArray(), probed.toFloatArray());
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = BlockTestKit.newManager()) {
            BlockTestKit.assertGradientsMatchFiniteDifferences(
                    HarSpatialAttention.builder().build(), m, 4, new Shape(1, 3, 6, 5));
        }
    }

    @Test
    void shapesCountSaveLoadBatchLayoutAndMemory() throws MalformedModelException {
        try (NDManager m = BlockTestKit.newManager()) {
            HarSpatialAttention block = HarSpatialAttention.builder().build();
            BlockTestKit.initialize(block, m, IN);
            NDArray x = randomNormal(m, IN, 5);
            BlockTestKit.assertOutputShapes(block, x);
            int c = 5;
            long stages = 9L * c * 16 + 2 * 16 + 3 * (9L * 16 * 16 + 2 * 16);
            assertEquals(stages + 9 * 16 + 1, BlockTestKit.parameterCount(block));
            BlockTestKit.assertSaveLoadIdentical(() -> HarSpatialAttention.builder().build(), m, x);
            BlockTestKit.assertBatchMatchesSamples(block, x, RTOL, ATOL);
            BlockTestKit.assertChannelsLastMatches(block, x, RTOL, ATOL);
            try (NDManager data = BlockTestKit.newManager()) {
                BlockTestKit.assertForwardKeepsNoTemporaries(block, data.create(x.toFloatArray(), x.getShape()));
            }
        }
    }

    @Test
    void builderRejectsBadSettingsQuotingThem() {
        IllegalArgumentException groups = assertThrows(IllegalArgumentException.class,
                () -> HarSpatialAttention.builder().optHiddenChannels(10).optNormGroups(4).build());
        assertTrue(groups.getMessage().contains("10"), groups.getMessage());
        IllegalArgumentException rates = assertThrows(IllegalArgumentException.class,
                () -> HarSpatialAttention.builder().optDilations(1, 0).build());
        assertTrue(rates.getMessage().contains("[1, 0]"), rates.getMessage());
    }

    private static float[] naiveMap(HarSpatialAttention block, Tensor x) {
        Tensor h = x;
        int child = 1;
        for (int i = 0; i < DILATIONS.length; i++, child += 2) {
            String conv = String.format("%02dconv%d_weight", child, i + 1);
            String gn = String.format("%02dgn%d_", child + 1, i + 1);
            h = NaiveOps.conv2d(h, param(block, conv).toFloatArray(), null, 16, 3, DILATIONS[i], DILATIONS[i]);
            h = NaiveOps.relu(NaiveOps.groupNorm(h, 4,
                    param(block, gn + "gamma").toFloatArray(), param(block, gn + "beta").toFloatArray()));
        }
        String gate = String.format("%02dgate_", child);
        Tensor logits = NaiveOps.conv2d(h, param(block, gate + "weight").toFloatArray(),
                param(block, gate + "bias").toFloatArray(), 1, 3, 1, 1);
        float[] map = logits.data().clone();
        for (int i = 0; i < map.length; i++) {
            map[i] = NaiveOps.sigmoid(map[i]);
        }
        return map;
    }
}
