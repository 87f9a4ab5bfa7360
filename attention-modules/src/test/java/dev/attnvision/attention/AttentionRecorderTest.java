package dev.attnvision.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttentionRecorderTest {

    @Test
    void aReductionKeepsItsResultLeavesOtherKindsWholeOrSkipsThem() {
        try (NDManager m = BlockTestKit.newManager()) {
            AttentionInAttentionBlock aab = AttentionInAttentionBlock.builder().setChannels(4).build();
            BlockTestKit.initialize(aab, m, new Shape(1, 4, 3, 5));
            BlockTestKit.randomizeParameters(aab, 5, 0.5);
            NDArray x = BlockTestKit.randomNormal(m, new Shape(1, 4, 3, 5), 6);
            AttentionRecorder whole = new AttentionRecorder();
            BlockTestKit.forward(aab, AttentionProbe.params(whole), x);
            AttentionRecorder reduced = new AttentionRecorder((source, kind, map) ->
                    kind.equals(AttentionInAttentionBlock.PROBE_MASK) ? map.mean(new int[] {1}, true) : map);
            BlockTestKit.forward(aab, AttentionProbe.params(reduced), x);

            List<AttentionRecorder.Recorded> kept = reduced.maps(aab, AttentionInAttentionBlock.PROBE_MASK);
            assertEquals(new Shape(1, 1, 3, 5), kept.get(0).shape());
            float[] mask = whole.maps(aab, AttentionInAttentionBlock.PROBE_MASK).get(0).values();
            for (int p = 0; p < 15; p++) {
                float sum = 0;
                for (int c = 0; c < 4; c++) {
                    sum += mask[c * 15 + p];
                }
                assertEquals(sum / 4, kept.get(0).values()[p], 1e-6, "pixel " + p);
            }
            BlockTestKit.assertEqualUpToRounding(
                    whole.maps(aab, AttentionInAttentionBlock.PROBE_BRANCH_WEIGHTS).get(0).values(),
                    reduced.maps(aab, AttentionInAttentionBlock.PROBE_BRANCH_WEIGHTS).get(0).values(),
                    "branch weights of a second pass, recorded whole");

            AttentionRecorder masksOnly = new AttentionRecorder((source, kind, map) ->
                    kind.equals(AttentionInAttentionBlock.PROBE_MASK) ? map : null);
            BlockTestKit.forward(aab, AttentionProbe.params(masksOnly), x);
            assertEquals(List.of(AttentionInAttentionBlock.PROBE_MASK),
                    masksOnly.maps().stream().map(AttentionRecorder.Recorded::kind).toList());
        }
    }
}
