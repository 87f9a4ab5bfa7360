package dev.attnvision.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttentionInAttentionBlockTest {

    private static final int C = 4;
    private static final int REDUCTION = 2;
    private static final Shape INPUT = new Shape(2, C, 5, 4);

    private static AttentionInAttentionBlock block(float temperature) {
        return AttentionInAttentionBlock.builder()
                .setChannels(C).optReduction(REDUCTION).optTemperature(temperature).build();
    }

    private static AttentionInAttentionBlock initialized(NDManager m, float temperature) {
        AttentionInAttentionBlock aab = block(temperature);
        BlockTestKit.initialize(aab, m, INPUT);
        BlockTestKit.randomizeParameters(aab, 21, 0.4);
        return aab;
    }

    /** The A2N block written out with loops, from the paper's equations and the official layout. */
    private static final class Reference {
        final NaiveTensor branchWeights;
        final NaiveTensor mask;
        final NaiveTensor output;

        Reference(AttentionInAttentionBlock aab, NaiveTensor x, double temperature) {
            NaiveTensor y = x.conv2d(p(aab, "conv_first.weight"), null, 0).map(Reference::lrelu);
            int b = x.dim(0);
            NaiveTensor pooled = y.mean(3).mean(2).reshape(b, C);
            NaiveTensor logits = pooled.linear(p(aab, "ADM.0.weight"), null).map(NaiveTensor::relu)
                    .linear(p(aab, "ADM.2.weight"), null);
            branchWeights = logits.map(v -> v / temperature).softmax(1);
            mask = y.conv2d(p(aab, "attention.k1.weight"), null, 1).map(Reference::lrelu)
                    .conv2d(p(aab, "attention.k2.weight"), p(aab, "attention.k2.bias"), 0)
                    .map(NaiveTensor::sigmoid);
            NaiveTensor attention = y.conv2d(p(aab, "attention.k3.weight"), null, 1).mul(mask)
                    .conv2d(p(aab, "attention.k4.weight"), null, 1);
            NaiveTensor plain = y.conv2d(p(aab, "non_attention.weight"), null, 1);
            NaiveTensor w0 = new NaiveTensor(new double[b], b, 1, 1, 1);
            NaiveTensor w1 = new NaiveTensor(new double[b], b, 1, 1, 1);
            for (int n = 0; n < b; n++) {
                w0.set(branchWeights.get(n, 0), n, 0, 0, 0);
                w1.set(branchWeights.get(n, 1), n, 0, 0, 0);
            }
            NaiveTensor mixed = attention.mul(w0).add(plain.mul(w1)).map(Reference::lrelu);
            output = mixed.conv2d(p(aab, "conv_last.weight"), null, 0).add(x);
        }

        private static NaiveTensor p(AttentionInAttentionBlock aab, String path) {
            return NaiveTensor.parameter(aab, path);
        }

        private static double lrelu(double v) {
            return NaiveTensor.leakyRelu(v, 0.2);
        }
    }

    @ParameterizedTest
    @ValueSource(floats = {30f, 0.05f})
    void matchesLoopReferenceAndDeclaredShape(float temperature) {
        try (NDManager m = BlockTestKit.newManager()) {
            AttentionInAttentionBlock aab = initialized(m, temperature);
            NDArray x = BlockTestKit.randomNormal(m, INPUT, 31);
            NDArray out = BlockTestKit.assertOutputShapes(aab, x).singletonOrThrow();
            new Reference(aab, NaiveTensor.of(x), temperature).output.assertClose(out, 1e-5, 1e-5);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = BlockTestKit.newManager()) {
            BlockTestKit.assertGradientsMatchFiniteDifferences(block(2f), m, 7, new Shape(2, C, 3, 3));
        }
    }

    @Test
    void parameterPathsAreTheOfficialStateDictKeys() {
        int nf = 40;
        try (NDManager m = BlockTestKit.newManager()) {
            AttentionInAttentionBlock aab = AttentionInAttentionBlock.builder().setChannels(nf).build();
            BlockTestKit.initialize(aab, m, new Shape(1, nf, 4, 4));
            Map<String, Shape> expected = new LinkedHashMap<>();
            expected.put("conv_first.weight", new Shape(nf, nf, 1, 1));
            expected.put("ADM.0.weight", new Shape(nf / 4, nf));
            expected.put("ADM.2.weight", new Shape(2, nf / 4));
            expected.put("attention.k1.weight", new Shape(nf, nf, 3, 3));
            expected.put("attention.k2.weight", new Shape(nf, nf, 1, 1));
            expected.put("attention.k2.bias", new Shape(nf));
            expected.put("attention.k3.weight", new Shape(nf, nf, 3, 3));
            expected.put("attention.k4.weight", new Shape(nf, nf, 3, 3));
            expected.put("non_attention.weight", new Shape(nf, nf, 3, 3));
            expected.put("conv_last.weight", new Shape(nf, nf, 1, 1));
            assertEquals(expected, BlockTestKit.parameterShapes(aab));
            // 1x1 + 3x3 (k1) + 1x1 (k2) + 3x3 (k3) + 3x3 (k4) + 3x3 (non_attention) + 1x1 = 39 nf^2,
            // plus the k2 bias and the two ADM matrices
            int hidden = nf / 4;
            assertEquals(39L * nf * nf + nf + (long) nf * hidden + 2L * hidden,
                    BlockTestKit.parameterCount(aab));
        }
    }

    @Test
    void saveLoadBatchChannelsLastAndScopeContractsHold() throws MalformedModelException {
        try (NDManager m = BlockTestKit.newManager()) {
            BlockTestKit.assertStandardContracts(() -> block(30f), initialized(m, 30f),
                    BlockTestKit.randomNormal(m, INPUT, 32), 1e-05, 1e-05);
        }
    }

    @Test
    void probeReceivesBranchWeightsAndMaskAndChangesNothing() {
        try (NDManager m = BlockTestKit.newManager()) {
            AttentionInAttentionBlock aab = initialized(m, 0.5f);
            NDArray x = BlockTestKit.randomNormal(m, INPUT, 33);
            AttentionRecorder recorder = BlockTestKit.recordAttention(aab, x);
            Reference reference = new Reference(aab, NaiveTensor.of(x), 0.5);
            List<AttentionRecorder.Recorded> weights =
                    recorder.maps(aab, AttentionInAttentionBlock.PROBE_BRANCH_WEIGHTS);
            List<AttentionRecorder.Recorded> masks = recorder.maps(aab, AttentionInAttentionBlock.PROBE_MASK);
            assertEquals(1, weights.size());
            assertEquals(1, masks.size());
            assertEquals(3, recorder.maps().size());
            assertEquals(new Shape(INPUT.get(0), C),
                    recorder.maps(aab, AttentionInAttentionBlock.PROBE_POOLED).get(0).shape());
            reference.branchWeights.assertClose(weights.get(0), 1e-5, 1e-6);
            reference.mask.assertClose(masks.get(0), 1e-5, 1e-6);
        }
    }

    @Test
    void aPooledContextReplacesTheBlocksOwnPooling() {
        try (NDManager m = BlockTestKit.newManager()) {
            AttentionInAttentionBlock aab = initialized(m, 0.5f);
            NDArray image = BlockTestKit.randomNormal(m, new Shape(1, C, 9, 8), 5);
            NDArray tile = image.get(":, :, 2:6, 1:5");
            AttentionRecorder whole = new AttentionRecorder();
            BlockTestKit.forward(aab, AttentionProbe.params(whole), image);
            float[] pooled = whole.maps(aab, AttentionInAttentionBlock.PROBE_POOLED).get(0).values();

            AttentionRecorder alone = new AttentionRecorder();
            BlockTestKit.forward(aab, AttentionProbe.params(alone), tile);
            AttentionRecorder inContext = new AttentionRecorder();
            var params = AttentionProbe.params(inContext);
            params.add(PooledContext.PARAM_KEY, new PooledContext(Map.of(aab, pooled)));
            BlockTestKit.forward(aab, params, tile);

            float[] imageWeights = whole.maps(aab, AttentionInAttentionBlock.PROBE_BRANCH_WEIGHTS).get(0).values();
            assertArrayEquals(imageWeights,
                    inContext.maps(aab, AttentionInAttentionBlock.PROBE_BRANCH_WEIGHTS).get(0).values(), 1e-6f);
            float[] tileWeights = alone.maps(aab, AttentionInAttentionBlock.PROBE_BRANCH_WEIGHTS).get(0).values();
            assertTrue(Math.abs(tileWeights[0] - imageWeights[0]) > 1e-4, "the tile alone pools differently");
        }
    }

    @Test
    void pooledSumsOverTilesMakeTheImageDescriptorAndRadiusContextMakesTheCoreExact() {
        try (NDManager m = BlockTestKit.newManager()) {
            AttentionInAttentionBlock aab = initialized(m, 0.5f);
            NDArray image = BlockTestKit.randomNormal(m, new Shape(1, C, 12, 10), 6);
            AttentionRecorder whole = new AttentionRecorder();
            NDArray wholeOut = BlockTestKit.forward(aab, AttentionProbe.params(whole), image).singletonOrThrow();
            float[] pooled = whole.maps(aab, AttentionInAttentionBlock.PROBE_POOLED).get(0).values();

            ParameterStore ps = new ParameterStore(m, false);
            NDArray sum = aab.pooledSum(ps, image.get(":, :, 0:5, :")).add(aab.pooledSum(ps, image.get(":, :, 5:, :")));
            assertArrayEquals(pooled, sum.div(12 * 10).toFloatArray(), 1e-5f);

            // rows 4..7 computed from rows 4-RADIUS..7+RADIUS alone, with the image's descriptor
            int r = AttentionInAttentionBlock.RADIUS;
            PairList<String, Object> params = new PairList<>();
            params.add(PooledContext.PARAM_KEY, new PooledContext(Map.of(aab, pooled)));
            NDArray window = image.get(":, :, {}:{}, :", 4 - r, 8 + r);
            NDArray core = BlockTestKit.forward(aab, params, window).singletonOrThrow().get(":, :, {}:{}, :", r, r + 4);
            NDArray expected = wholeOut.get(":, :, 4:8, :");
            assertArrayEquals(expected.toFloatArray(), core.toFloatArray(), 1e-4f);
            NDArray tooLittle = BlockTestKit.forward(aab, params, image.get(":, :, 3:9, :")).singletonOrThrow().get(":, :, 1:5, :");
            assertTrue(tooLittle.sub(expected).abs().max().getFloat() > 1e-3f, "one pixel of context is too little");
        }
    }

    @Test
    void builderRejectsBadValuesQuotingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttentionInAttentionBlock.builder().setChannels(4).optReduction(5).build());
        assertTrue(e.getMessage().contains("got 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AttentionInAttentionBlock.builder().setChannels(4).optTemperature(0f).build());
        assertTrue(e.getMessage().contains("got 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AttentionInAttentionBlock.builder().setChannels(-2).build());
        assertTrue(e.getMessage().contains("got -2"), e.getMessage());
    }

    @Test
    void gradientsSurviveAGarbageCollectionBeforeBackward() {
        try (NDManager m = BlockTestKit.newManager()) {
            BlockTestKit.assertGradientsSurviveGarbageCollection(initialized(m, 3f),
                    BlockTestKit.randomNormal(m, INPUT, 92));
        }
    }
}
