package dev.attnvision.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class CbamTest {

    private static final int C = 6;
    private static final Shape INPUT = new Shape(2, C, 5, 4);

    private static Cbam block() {
        return Cbam.builder().setChannels(C).optReduction(2).optMinHidden(1).optBatchNorm(true).build();
    }

    private static Cbam initialized(NDManager m) {
        Cbam cbam = block();
        BlockTestKit.initialize(cbam, m, INPUT);
        BlockTestKit.randomizeParameters(cbam, 71, 0.5);
        ParameterValues.assign(ParameterPaths.of(cbam).get("spatial.bn.runningVar").getArray(), new float[] {0.8f});
        return cbam;
    }

    @Test
    void isChannelThenSpatialAttentionByLoopReference() {
        try (NDManager m = BlockTestKit.newManager()) {
            Cbam cbam = initialized(m);
            NDArray x = BlockTestKit.randomNormal(m, INPUT, 72);
            NDArray out = BlockTestKit.assertOutputShapes(cbam, x).singletonOrThrow();
            NaiveTensor channelled = ChannelAttentionTest.reference(cbam, "channel.", NaiveTensor.of(x));
            channelled.mul(SpatialAttentionTest.map(cbam, "spatial.", channelled)).assertClose(out, 1e-5, 1e-6);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = BlockTestKit.newManager()) {
            BlockTestKit.assertGradientsMatchFiniteDifferences(block(), m, 73, new Shape(2, C, 3, 3));
        }
    }

    @Test
    void parameterCountIsTheSumOfItsParts() {
        try (NDManager m = BlockTestKit.newManager()) {
            int h = C / 2;
            long channel = (long) C * h + h + (long) h * C + C;
            long spatial = 2L * 7 * 7 + 4;
            assertEquals(channel + spatial, BlockTestKit.parameterCount(initialized(m)));
        }
    }

    @Test
    void saveLoadBatchChannelsLastAndScopeContractsHold() throws MalformedModelException {
        try (NDManager m = BlockTestKit.newManager()) {
            BlockTestKit.assertStandardContracts(CbamTest::block, initialized(m),
                    BlockTestKit.randomNormal(m, INPUT, 74), 1e-05, 1e-06);
        }
    }

    @Test
    void probeReachesBothPartsInOrderAndChangesNothing() {
        try (NDManager m = BlockTestKit.newManager()) {
            Cbam cbam = initialized(m);
            NDArray x = BlockTestKit.randomNormal(m, INPUT, 75);
            AttentionRecorder recorder = BlockTestKit.recordAttention(cbam, x);
            List<AttentionRecorder.Recorded> maps = recorder.maps();
            assertEquals(2, maps.size());
            assertEquals(cbam.getChannelAttention(), maps.get(0).source());
            assertEquals(ChannelAttention.PROBE_CHANNEL_WEIGHTS, maps.get(0).kind());
            assertEquals(cbam.getSpatialAttention(), maps.get(1).source());
            NaiveTensor xr = NaiveTensor.of(x);
            ChannelAttentionTest.channelWeights(cbam, "channel.", xr).assertClose(maps.get(0), 1e-5, 1e-6);
            NaiveTensor channelled = ChannelAttentionTest.reference(cbam, "channel.", xr);
            SpatialAttentionTest.map(cbam, "spatial.", channelled).assertClose(maps.get(1), 1e-5, 1e-6);
        }
    }
}
