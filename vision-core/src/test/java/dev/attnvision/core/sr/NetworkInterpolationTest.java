package dev.attnvision.core.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.attnvision.core.testing.TinyA2n;
import org.junit.jupiter.api.Test;

class NetworkInterpolationTest {
    // a blend is one multiply-add per weight in float32: 1e-6 relative error covers its rounding
    private static final float TOLERANCE = 1e-6f;

    @Test
    void blendsEveryParameterLinearlyBetweenTheTwoEnds() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (double strength : new double[] {0, 0.3, 1}) {
                Block tuned = TinyA2n.network(manager, 1);
                Block base = TinyA2n.network(manager, 2);
                Block original = TinyA2n.network(manager, 1);
                NetworkInterpolation.blend(tuned, base, strength);
                for (Pair<String, Parameter> entry : tuned.getParameters()) {
                    float[] blended = entry.getValue().getArray().toFloatArray();
                    float[] a = base.getParameters().get(entry.getKey()).getArray().toFloatArray();
                    float[] b = original.getParameters().get(entry.getKey()).getArray().toFloatArray();
                    for (int i = 0; i < blended.length; i++) {
                        float expected = (float) ((1 - strength) * a[i] + strength * b[i]);
                        assertEquals(expected, blended[i], TOLERANCE * Math.max(1, Math.abs(expected)),
                                entry.getKey() + "[" + i + "] at strength " + strength);
                    }
                }
            }
        }
    }

    @Test
    void refusesStrengthsOutsideTheUnitIntervalAndOtherNetworks() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block tuned = TinyA2n.network(manager, 1);
            assertThrows(IllegalArgumentException.class,
                    () -> NetworkInterpolation.blend(tuned, TinyA2n.network(manager, 2), 1.5));
            A2n other = A2n.builder().setConfig(new A2nConfig(2, 8, 4, 2)).build();
            other.initialize(manager, DataType.FLOAT32, A2n.sampleInputShape());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NetworkInterpolation.blend(tuned, other, 0.5));
            assertTrue(e.getMessage().contains("one architecture"), e.getMessage());
        }
    }
}
