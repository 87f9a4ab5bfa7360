package dev.attnvision.attention;

import static dev.attnvision.attention.DeformableConv2dTest.assertClose;
import static dev.attnvision.attention.DeformableConv2dTest.param;
import static dev.attnvision.attention.DeformableConv2dTest.randomize;
import static dev.attnvision.attention.DeformableConv2dTest.uniform;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.attnvision.attention.NaiveOps.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HarSpatialAttentionTest {
    private static final int[] DILATIONS = {1, 2, 5, 2};

    @Test
    void mapAndGatedFeaturesMatchNaiveLoops() {
        try (NDManager m = NDManager.newBaseManager()) {
            Random random = new Random(3);
            Shape in = new Shape(2, 5, 9, 8);
            HarSpatialAttention block = HarSpatialAttention.builder().build();
            block.initialize(m, DataType.FLOAT32, in);
            randomize(m, block, random);
            NDArray x = uniform(m, random, in, -1, 1);
            ParameterStore ps = new ParameterStore(m, false);

            float[] expectedMap = naiveMap(block, new Tensor(x.toFloatArray(), 2, 5, 9, 8));
            float[] xs = x.toFloatArray();
            float[] expectedGated = new float[xs.length];
            int pixels = 9 * 8;
            for (int i = 0; i < xs.length; i++) {
                int b = i / (5 * pixels);
                expectedGated[i] = xs[i] * expectedMap[b * pixels + i % pixels];
            }
            assertClose(expectedMap, block.attentionMap(ps, x, false, null).toFloatArray(), 1e-5);
            assertClose(expectedGated, block.forward(ps, new NDList(x), false).head().toFloatArray(), 1e-5);
        }
    }

    private static float[] naiveMap(HarSpatialAttention block, Tensor x) {
        Tensor h = x;
        int child = 1;
        for (int i = 0; i < DILATIONS.length; i++, child += 2) {
            String conv = String.format("%02dconv%d_weight", child, i + 1);
            String gn = String.format("%02dgn%d_", child + 1, i + 1);
            h = NaiveOps.conv2d(h, param(block, conv).toFloatArray(), null, 16, 3, DILATIONS[i], DILATIONS[i]);
            h = NaiveOps.relu(NaiveOps.groupNorm(h, 4,
                    param(block, gn + "gamma").toFloatArray(), param(block, gn + "beta").toFloatArray()));
        }
        String gate = String.format("%02dgate_", child);
        Tensor logits = NaiveOps.conv2d(h, param(block, gate + "weight").toFloatArray(),
                param(block, gate + "bias").toFloatArray(), 1, 3, 1, 1);
        float[] map = logits.data().clone();
        for (int i = 0; i < map.length; i++) {
            map[i] = NaiveOps.sigmoid(map[i]);
        }
        return map;
    }
}
