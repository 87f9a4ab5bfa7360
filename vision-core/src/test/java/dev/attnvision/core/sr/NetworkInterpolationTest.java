package dev.attnvision.core.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.attnvision.core.model.ModelRegistry;
import dev.attnvision.core.model.ModelStore;
import dev.attnvision.core.model.StoredModel;
import dev.attnvision.core.testing.TinyA2n;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aShallowerBaseIsGrownToTheTunedDepthBeforeTheBlend(@TempDir Path dir) throws Exception {
        ModelStore store = new ModelStore(dir);
        StoredModel clean = TinyA2n.save(store, "clean", 1);
        A2nConfig deeper = new A2nConfig(2, 8, 4, TinyA2n.CONFIG.blocks() + 2);
        StoredModel tuned = TinyA2n.save(store, "deeper", deeper, 2, clean, null);
        assertEquals("clean", SrModelChoice.denoisePair(new ModelRegistry(store, new URLClassLoader(new URL[0], null)),
                tuned).manifest().name(), "a deeper fine-tune pairs with the model it grew from");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = manager.randomUniform(0, 255, new Shape(1, 3, 7, 9));
            float[] start = forward(clean.loadA2n(manager), image);
            float[] end = forward(tuned.loadA2n(manager), image);
            assertClose(start, forward(NetworkInterpolation.load(tuned, clean, 0, manager), image));
            assertClose(end, forward(NetworkInterpolation.load(tuned, clean, 1, manager), image));
        }
    }

    private static float[] forward(A2n network, NDArray image) {
        return network.forward(new ParameterStore(image.getManager(), false), new NDList(image), false)
                .singletonOrThrow().toFloatArray();
    }

    // the same arithmetic summed in another order (the grown blocks add exact zeros): float rounding only
    private static void assertClose(float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-3, "output " + i);
        }
    }
}
