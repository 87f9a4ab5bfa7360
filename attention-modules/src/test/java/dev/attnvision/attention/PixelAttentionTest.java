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
import java.util.Map;
import org.junit.jupiter.api.Test;

class PixelAttentionTest {

    private static final int C = 4;
    private static final Shape INPUT = new Shape(2, C, 5, 6);

    private static PixelAttention block() {
        return PixelAttention.builder().setChannels(C).build();
    }

    private static PixelAttention initialized(NDManager m) {
        PixelAttention pa = block();
        BlockTestKit.initialize(pa, m, INPUT);
        BlockTestKit.randomizeParameters(pa, 3, 0.5);
        return pa;
    }

    /** sigmoid(conv1x1(x) + b), by loops. */
    private static NaiveTensor gate(PixelAttention pa, NaiveTensor x) {
        return x.conv2d(NaiveTensor.parameter(pa, "conv.weight"), NaiveTensor.parameter(pa, "conv.bias"), 0)
                .map(NaiveTensor::sigmoid);
    }

    @Test
    void matchesLoopReferenceAndDeclaredShape() {
        try (NDManager m = BlockTestKit.newManager()) {
            PixelAttention pa = initialized(m);
            NDArray x = BlockTestKit.randomNormal(m, INPUT, 11);
            NDArray out = BlockTestKit.assertOutputShapes(pa, x).singletonOrThrow();
            NaiveTensor xr = NaiveTensor.of(x);
            xr.mul(gate(pa, xr)).assertClose(out, 1e-5, 1e-6);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = BlockTestKit.newManager()) {
            BlockTestKit.assertGradientsMatchFiniteDifferences(block(), m, 5, new Shape(1, C, 3, 3));
        }
    }

    @Test
    void parametersAreConvWeightAndBiasCountingCTimesCPlusC() {
        try (NDManager m = BlockTestKit.newManager()) {
            PixelAttention pa = initialized(m);
            assertEquals(Map.of("conv.weight", new Shape(C, C, 1, 1), "conv.bias", new Shape(C)),
                    BlockTestKit.parameterShapes(pa));
            assertEquals((long) C * C + C, BlockTestKit.parameterCount(pa));
        }
    }

    @Test
    void saveLoadBatchAndChannelsLastAgree() throws MalformedModelException {
        try (NDManager m = BlockTestKit.newManager()) {
            NDArray x = BlockTestKit.randomNormal(m, INPUT, 12);
            BlockTestKit.assertSaveLoadIdentical(PixelAttentionTest::block, m, x);
            PixelAttention pa = initialized(m);
            BlockTestKit.assertBatchMatchesSamples(pa, x, 1e-6, 1e-7);
            BlockTestKit.assertChannelsLastMatches(pa, x, 1e-5, 1e-6);
            BlockTestKit.assertNoTemporariesLeft(pa, x);
        }
    }

    @Test
    void probeReceivesTheGateAndChangesNothing() {
        try (NDManager m = BlockTestKit.newManager()) {
            PixelAttention pa = initialized(m);
            NDArray x = BlockTestKit.randomNormal(m, INPUT, 13);
            AttentionRecorder recorder = new AttentionRecorder();
            NDArray probed = BlockTestKit.forward(pa, AttentionProbe.params(recorder), x).singletonOrThrow();
            NDArray plain = BlockTestKit.forward(pa, x).singletonOrThrow();
            assertArrayEquals(plain.toFloatArray(), probed.toFloatArray());
            List<AttentionRecorder.Recorded> gates = recorder.maps(pa, PixelAttention.PROBE_GATE);
            assertEquals(1, gates.size());
            assertEquals(1, recorder.maps().size());
            gate(pa, NaiveTensor.of(x)).assertClose(gates.get(0), 1e-5, 1e-6);
        }
    }

    @Test
    void builderAndShapesRejectBadValuesQuotingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PixelAttention.builder().setChannels(0).build());
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        PixelAttention pa = block();
        e = assertThrows(IllegalArgumentException.class,
                () -> pa.getOutputShapes(new Shape[] {new Shape(1, 3, 4, 4)}));
        assertTrue(e.getMessage().contains("(1, 3, 4, 4)"), e.getMessage());
    }
}
