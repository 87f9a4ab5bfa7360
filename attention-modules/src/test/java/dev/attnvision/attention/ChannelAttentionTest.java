package dev.attnvision.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelAttentionTest {

    private static final int C = 6;
    private static final Shape INPUT = new Shape(3, C, 4, 5);

    /** C = 6, r = 2, no floor: hidden width 3. */
    private static ChannelAttention block() {
        return ChannelAttention.builder().setChannels(C).optReduction(2).optMinHidden(1).build();
    }

    private static ChannelAttention initialized(NDManager m) {
        ChannelAttention ca = block();
        BlockTestKit.initialize(ca, m, INPUT);
        BlockTestKit.randomizeParameters(ca, 51, 0.6);
        return ca;
    }

    /**
     * s = sigmoid(MLP(mean_hw x) + MLP(max_hw x)), (B, C), with the MLP's parameters under
     * {@code prefix} in {@code owner}.
     */
    static NaiveTensor channelWeights(Block owner, String prefix, NaiveTensor x) {
        int b = x.dim(0);
        int c = x.dim(1);
        NaiveTensor w1 = NaiveTensor.parameter(owner, prefix + "fc1.weight");
        NaiveTensor b1 = NaiveTensor.parameter(owner, prefix + "fc1.bias");
        NaiveTensor w2 = NaiveTensor.parameter(owner, prefix + "fc2.weight");
        NaiveTensor b2 = NaiveTensor.parameter(owner, prefix + "fc2.bias");
        NaiveTensor avg = x.mean(3).mean(2).reshape(b, c).linear(w1, b1).map(NaiveTensor::relu).linear(w2, b2);
        NaiveTensor max = x.max(3).max(2).reshape(b, c).linear(w1, b1).map(NaiveTensor::relu).linear(w2, b2);
        return avg.add(max).map(NaiveTensor::sigmoid);
    }

    /** x * s, (B, C, H, W). */
    static NaiveTensor reference(Block owner, String prefix, NaiveTensor x) {
        return x.mul(channelWeights(owner, prefix, x).reshape(x.dim(0), x.dim(1), 1, 1));
    }

    @Test
    void matchesLoopReferenceAndDeclaredShape() {
        try (NDManager m = BlockTestKit.newManager()) {
            ChannelAttention ca = initialized(m);
            NDArray x = BlockTestKit.randomNormal(m, INPUT, 52);
            NDArray out = BlockTestKit.assertOutputShapes(ca, x).singletonOrThrow();
            reference(ca, "", NaiveTensor.of(x)).assertClose(out, 1e-5, 1e-6);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = BlockTestKit.newManager()) {
            BlockTestKit.assertGradientsMatchFiniteDifferences(block(), m, 53, new Shape(2, C, 3, 2));
        }
    }

    @Test
    void oneSharedMlpCountsTwoLinearLayers() {
        try (NDManager m = BlockTestKit.newManager()) {
            ChannelAttention ca = initialized(m);
            int h = 3;
            assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"),
                    List.copyOf(BlockTestKit.parameterShapes(ca).keySet()));
            assertEquals((long) C * h + h + (long) h * C + C, BlockTestKit.parameterCount(ca));
        }
    }

    @Test
    void saveLoadBatchAndChannelsLastAgree() throws MalformedModelException {
        try (NDManager m = BlockTestKit.newManager()) {
            NDArray x = BlockTestKit.randomNormal(m, INPUT, 54);
            BlockTestKit.assertSaveLoadIdentical(ChannelAttentionTest::block, m, x);
            ChannelAttention ca = initialized(m);
            BlockTestKit.assertBatchMatchesSamples(ca, x, 1e-6, 1e-7);
            BlockTestKit.assertChannelsLastMatches(ca, x, 1e-6, 1e-7);
            BlockTestKit.assertNoTemporariesLeft(ca, x);
        }
    }

    @Test
    void probeReceivesChannelWeightsAndChangesNothing() {
        try (NDManager m = BlockTestKit.newManager()) {
            ChannelAttention ca = initialized(m);
            NDArray x = BlockTestKit.randomNormal(m, INPUT, 55);
            AttentionRecorder recorder = new AttentionRecorder();
            NDArray probed = BlockTestKit.forward(ca, AttentionProbe.params(recorder), x).singletonOrThrow();
            assertArrayEquals(BlockTestKit.forward(ca, x).singletonOrThrow().toFloatArray(), probed.toFloatArray());
            List<AttentionRecorder.Recorded> maps = recorder.maps(ca, ChannelAttention.PROBE_CHANNEL_WEIGHTS);
            assertEquals(1, maps.size());
            assertEquals(1, recorder.maps().size());
            channelWeights(ca, "", NaiveTensor.of(x)).assertClose(maps.get(0), 1e-5, 1e-6);
        }
    }

    @Test
    void builderRejectsBadValuesQuotingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChannelAttention.builder().setChannels(0).build());
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ChannelAttention.builder().setChannels(8).optReduction(-3).build());
        assertTrue(e.getMessage().contains("got -3"), e.getMessage());
    }
}
