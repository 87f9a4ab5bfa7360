package dev.attnvision.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqueezeExcitationTest {

    private static final int C = 6;
    private static final Shape INPUT = new Shape(3, C, 4, 5);

    /** C = 6, r = 2, no floor: hidden width 3. */
    private static SqueezeExcitation block() {
        return SqueezeExcitation.builder().setChannels(C).optReduction(2).optMinHidden(1).build();
    }

    private static SqueezeExcitation initialized(NDManager m) {
        SqueezeExcitation se = block();
        BlockTestKit.initialize(se, m, INPUT);
        BlockTestKit.randomizeParameters(se, 41, 0.6);
        return se;
    }

    /** s = sigmoid(fc2(relu(fc1(mean_hw x)))), (B, C). */
    private static NaiveTensor channelWeights(SqueezeExcitation se, NaiveTensor x) {
        NaiveTensor pooled = x.mean(3).mean(2).reshape(x.dim(0), C);
        return pooled.linear(NaiveTensor.parameter(se, "fc1.weight"), NaiveTensor.parameter(se, "fc1.bias"))
                .map(NaiveTensor::relu)
                .linear(NaiveTensor.parameter(se, "fc2.weight"), NaiveTensor.parameter(se, "fc2.bias"))
                .map(NaiveTensor::sigmoid);
    }

    @Test
    void matchesLoopReferenceAndDeclaredShape() {
        try (NDManager m = BlockTestKit.newManager()) {
            SqueezeExcitation se = initialized(m);
            NDArray x = BlockTestKit.randomNormal(m, INPUT, 42);
            NDArray out = BlockTestKit.assertOutputShapes(se, x).singletonOrThrow();
            NaiveTensor xr = NaiveTensor.of(x);
            xr.mul(channelWeights(se, xr).reshape(xr.dim(0), C, 1, 1))
                    .assertClose(out, 1e-5, 1e-6);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = BlockTestKit.newManager()) {
            BlockTestKit.assertGradientsMatchFiniteDifferences(block(), m, 43, new Shape(2, C, 3, 2));
        }
    }

    @Test
    void hiddenWidthHasAFloorAndCountIsTwoLinearLayers() {
        try (NDManager m = BlockTestKit.newManager()) {
            SqueezeExcitation se = SqueezeExcitation.builder().setChannels(32).build();
            assertEquals(8, se.getHidden(), "32 / 16 = 2, raised to the default floor 8");
            BlockTestKit.initialize(se, m, new Shape(1, 32, 2, 2));
            int h = 8;
            assertEquals(32L * h + h + h * 32L + 32, BlockTestKit.parameterCount(se));
            assertEquals(new Shape(h, 32), BlockTestKit.parameterShapes(se).get("fc1.weight"));
            assertEquals(4, SqueezeExcitation.builder().setChannels(64).optMinHidden(1).build().getHidden());
        }
    }

    @Test
    void saveLoadBatchAndChannelsLastAgree() throws MalformedModelException {
        try (NDManager m = BlockTestKit.newManager()) {
            NDArray x = BlockTestKit.randomNormal(m, INPUT, 44);
            BlockTestKit.assertSaveLoadIdentical(SqueezeExcitationTest::block, m, x);
            SqueezeExcitation se = initialized(m);
            BlockTestKit.assertBatchMatchesSamples(se, x, 1e-6, 1e-7);
            BlockTestKit.assertChannelsLastMatches(se, x, 1e-6, 1e-7);
            BlockTestKit.assertNoTemporariesLeft(se, x);
        }
    }

    @Test
    void probeReceivesChannelWeightsAndChangesNothing() {
        try (NDManager m = BlockTestKit.newManager()) {
            SqueezeExcitation se = initialized(m);
            NDArray x = BlockTestKit.randomNormal(m, INPUT, 45);
            AttentionRecorder recorder = new AttentionRecorder();
            NDArray probed = BlockTestKit.forward(se, AttentionProbe.params(recorder), x).singletonOrThrow();
            assertArrayEquals(BlockTestKit.forward(se, x).singletonOrThrow().toFloatArray(), probed.toFloatArray());
            List<AttentionRecorder.Recorded> maps = recorder.maps();
            assertEquals(1, maps.size());
            assertEquals(SqueezeExcitation.PROBE_CHANNEL_WEIGHTS, maps.get(0).kind());
            channelWeights(se, NaiveTensor.of(x)).assertClose(maps.get(0), 1e-5, 1e-6);
        }
    }

    @Test
    void builderRejectsBadValuesQuotingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SqueezeExcitation.builder().setChannels(8).optReduction(0).build());
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SqueezeExcitation.builder().setChannels(8).optMinHidden(-1).build());
        assertTrue(e.getMessage().contains("got -1"), e.getMessage());
    }
}
