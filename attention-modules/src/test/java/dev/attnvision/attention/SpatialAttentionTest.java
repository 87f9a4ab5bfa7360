package dev.attnvision.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpatialAttentionTest {

    private static final Shape INPUT = new Shape(2, 3, 6, 5);
    private static final double BATCH_NORM_EPSILON = 1e-5;

    private static SpatialAttention block(boolean batchNorm) {
        return SpatialAttention.builder().optBatchNorm(batchNorm).build();
    }

    private static SpatialAttention initialized(NDManager m, boolean batchNorm) {
        SpatialAttention sa = block(batchNorm);
        BlockTestKit.initialize(sa, m, INPUT);
        BlockTestKit.randomizeParameters(sa, 61, 0.3);
        if (batchNorm) {
            ParameterValues.assign(ParameterPaths.of(sa).get("bn.runningVar").getArray(), new float[] {1.7f});
        }
        return sa;
    }

    /**
     * m = sigmoid(bn(conv7x7([max_c x; mean_c x]))), (B, 1, H, W), with parameters under {@code
     * prefix} in {@code owner}; bn in inference form when present.
     */
    static NaiveTensor map(Block owner, String prefix, NaiveTensor x) {
        Map<String, ?> params = ParameterPaths.of(owner);
        boolean batchNorm = params.containsKey(prefix + "bn.gamma");
        NaiveTensor descriptors = x.max(1).concat(x.mean(1), 1);
        NaiveTensor logits = descriptors.conv2d(NaiveTensor.parameter(owner, prefix + "conv.weight"),
                batchNorm ? null : NaiveTensor.parameter(owner, prefix + "conv.bias"), 3);
        if (batchNorm) {
            double mean = NaiveTensor.parameter(owner, prefix + "bn.runningMean").get(0);
            double variance = NaiveTensor.parameter(owner, prefix + "bn.runningVar").get(0);
            double gamma = NaiveTensor.parameter(owner, prefix + "bn.gamma").get(0);
            double beta = NaiveTensor.parameter(owner, prefix + "bn.beta").get(0);
            logits = logits.map(v -> (v - mean) / Math.sqrt(variance + BATCH_NORM_EPSILON) * gamma + beta);
        }
        return logits.map(NaiveTensor::sigmoid);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void matchesLoopReferenceAndDeclaredShape(boolean batchNorm) {
        try (NDManager m = BlockTestKit.newManager()) {
            SpatialAttention sa = initialized(m, batchNorm);
            NDArray x = BlockTestKit.randomNormal(m, INPUT, 62);
            NDArray out = BlockTestKit.assertOutputShapes(sa, x).singletonOrThrow();
            NaiveTensor xr = NaiveTensor.of(x);
            xr.mul(map(sa, "", xr)).assertClose(out, 1e-5, 1e-6);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void gradientsMatchFiniteDifferences(boolean batchNorm) {
        try (NDManager m = BlockTestKit.newManager()) {
            BlockTestKit.assertGradientsMatchFiniteDifferences(block(batchNorm), m, 63, new Shape(2, 3, 4, 3));
        }
    }

    @Test
    void parameterCountIsTwoKSquaredPlusBiasOrBatchNorm() {
        try (NDManager m = BlockTestKit.newManager()) {
            int k = 7;
            assertEquals(2L * k * k + 1, BlockTestKit.parameterCount(initialized(m, false)));
            // gamma, beta, running mean and running variance of the one map
            assertEquals(2L * k * k + 4, BlockTestKit.parameterCount(initialized(m, true)));
            SpatialAttention small = SpatialAttention.builder().optKernelSize(3).build();
            BlockTestKit.initialize(small, m, INPUT);
            assertEquals(2L * 3 * 3 + 1, BlockTestKit.parameterCount(small));
        }
    }

    @Test
    void saveLoadBatchChannelsLastAndScopeContractsHold() throws MalformedModelException {
        try (NDManager m = BlockTestKit.newManager()) {
            BlockTestKit.assertStandardContracts(() -> block(true), initialized(m, true),
                    BlockTestKit.randomNormal(m, INPUT, 64), 1e-05, 1e-06);
        }
    }

    @Test
    void probeReceivesTheMapAndChangesNothing() {
        try (NDManager m = BlockTestKit.newManager()) {
            SpatialAttention sa = initialized(m, false);
            NDArray x = BlockTestKit.randomNormal(m, INPUT, 65);
            AttentionRecorder recorder = BlockTestKit.recordAttention(sa, x);
            List<AttentionRecorder.Recorded> maps = recorder.maps(sa, SpatialAttention.PROBE_MAP);
            assertEquals(1, maps.size());
            assertEquals(1, recorder.maps().size());
            map(sa, "", NaiveTensor.of(x)).assertClose(maps.get(0), 1e-5, 1e-6);
        }
    }

    @Test
    void builderRejectsEvenKernelsQuotingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpatialAttention.builder().optKernelSize(4).build());
        assertTrue(e.getMessage().contains("got 4"), e.getMessage());
    }
}
