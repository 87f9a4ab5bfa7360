package dev.attnvision.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultiHeadSelfAttention2dTest {

    private static final int C = 6;
    private static final Shape INPUT = new Shape(2, C, 3, 4);

    private static MultiHeadSelfAttention2d block(int heads) {
        return MultiHeadSelfAttention2d.builder().setChannels(C).optHeads(heads).build();
    }

    private static MultiHeadSelfAttention2d initialized(NDManager m, int heads) {
        MultiHeadSelfAttention2d mhsa = block(heads);
        BlockTestKit.initialize(mhsa, m, INPUT);
        BlockTestKit.randomizeParameters(mhsa, 81, 0.5);
        return mhsa;
    }

    /** Loops over batch, heads and positions; tokens are positions in row-major (y, x) order. */
    private static final class Reference {
        final NaiveTensor weights;
        final NaiveTensor output;

        Reference(MultiHeadSelfAttention2d mhsa, NaiveTensor x, int heads) {
            int b = x.dim(0);
            int h = x.dim(2);
            int w = x.dim(3);
            int n = h * w;
            int d = C / heads;
            NaiveTensor tokens = new NaiveTensor(new double[b * n * C], b * n, C);
            for (int s = 0; s < b; s++) {
                for (int p = 0; p < n; p++) {
                    for (int c = 0; c < C; c++) {
                        tokens.set(x.get(s, c, p / w, p % w), s * n + p, c);
                    }
                }
            }
            NaiveTensor q = project(mhsa, "query", tokens);
            NaiveTensor k = project(mhsa, "key", tokens);
            NaiveTensor v = project(mhsa, "value", tokens);
            weights = new NaiveTensor(new double[b * heads * n * n], b, heads, n, n);
            NaiveTensor mixed = new NaiveTensor(new double[b * n * C], b * n, C);
            for (int s = 0; s < b; s++) {
                for (int head = 0; head < heads; head++) {
                    for (int i = 0; i < n; i++) {
                        double[] scores = new double[n];
                        double max = Double.NEGATIVE_INFINITY;
                        for (int j = 0; j < n; j++) {
                            double dot = 0;
                            for (int e = 0; e < d; e++) {
                                dot += q.get(s * n + i, head * d + e) * k.get(s * n + j, head * d + e);
                            }
                            scores[j] = dot / Math.sqrt(d);
                            max = Math.max(max, scores[j]);
                        }
                        double total = 0;
                        for (int j = 0; j < n; j++) {
                            scores[j] = Math.exp(scores[j] - max);
                            total += scores[j];
                        }
                        for (int j = 0; j < n; j++) {
                            weights.set(scores[j] / total, s, head, i, j);
                            for (int e = 0; e < d; e++) {
                                int col = head * d + e;
                                mixed.set(mixed.get(s * n + i, col) + scores[j] / total * v.get(s * n + j, col),
                                        s * n + i, col);
                            }
                        }
                    }
                }
            }
            NaiveTensor projected = project(mhsa, "output", mixed);
            NaiveTensor out = new NaiveTensor(new double[b * C * n], b, C, h, w);
            for (int s = 0; s < b; s++) {
                for (int p = 0; p < n; p++) {
                    for (int c = 0; c < C; c++) {
                        out.set(x.get(s, c, p / w, p % w) + projected.get(s * n + p, c), s, c, p / w, p % w);
                    }
                }
            }
            output = out;
        }

        private static NaiveTensor project(MultiHeadSelfAttention2d mhsa, String name, NaiveTensor tokens) {
            return tokens.linear(NaiveTensor.parameter(mhsa, name + ".weight"),
                    NaiveTensor.parameter(mhsa, name + ".bias"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void matchesLoopReferenceAndDeclaredShape(int heads) {
        try (NDManager m = BlockTestKit.newManager()) {
            MultiHeadSelfAttention2d mhsa = initialized(m, heads);
            NDArray x = BlockTestKit.randomNormal(m, INPUT, 82);
            NDArray out = BlockTestKit.assertOutputShapes(mhsa, x).singletonOrThrow();
            new Reference(mhsa, NaiveTensor.of(x), heads).output.assertClose(out, 1e-5, 1e-5);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = BlockTestKit.newManager()) {
            BlockTestKit.assertGradientsMatchFiniteDifferences(block(2), m, 83, new Shape(2, C, 2, 3));
        }
    }

    @Test
    void parameterCountIsFourProjectionsWithBias() {
        try (NDManager m = BlockTestKit.newManager()) {
            MultiHeadSelfAttention2d mhsa = initialized(m, 2);
            assertEquals(4L * (C * C + C), BlockTestKit.parameterCount(mhsa));
            assertEquals(List.of("query.weight", "query.bias", "key.weight", "key.bias",
                    "value.weight", "value.bias", "output.weight", "output.bias"),
                    List.copyOf(BlockTestKit.parameterShapes(mhsa).keySet()));
        }
    }

    @Test
    void saveLoadBatchChannelsLastAndScopeContractsHold() throws MalformedModelException {
        try (NDManager m = BlockTestKit.newManager()) {
            BlockTestKit.assertStandardContracts(() -> block(3), initialized(m, 3),
                    BlockTestKit.randomNormal(m, INPUT, 84), 1e-05, 1e-06);
        }
    }

    @Test
    void probeReceivesAttentionWeightsAndChangesNothing() {
        try (NDManager m = BlockTestKit.newManager()) {
            MultiHeadSelfAttention2d mhsa = initialized(m, 3);
            NDArray x = BlockTestKit.randomNormal(m, INPUT, 85);
            AttentionRecorder recorder = BlockTestKit.recordAttention(mhsa, x);
            List<AttentionRecorder.Recorded> maps = recorder.maps(mhsa, MultiHeadSelfAttention2d.PROBE_WEIGHTS);
            assertEquals(1, maps.size());
            assertEquals(1, recorder.maps().size());
            new Reference(mhsa, NaiveTensor.of(x), 3).weights.assertClose(maps.get(0), 1e-5, 1e-6);
        }
    }

    @Test
    void builderRejectsHeadsThatDoNotDivideChannels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultiHeadSelfAttention2d.builder().setChannels(C).optHeads(4).build());
        assertTrue(e.getMessage().contains("got 4"), e.getMessage());
    }

    @Test
    void gradientsSurviveAGarbageCollectionBeforeBackward() {
        try (NDManager m = BlockTestKit.newManager()) {
            BlockTestKit.assertGradientsSurviveGarbageCollection(initialized(m, 2),
                    BlockTestKit.randomNormal(m, INPUT, 91));
        }
    }
}
