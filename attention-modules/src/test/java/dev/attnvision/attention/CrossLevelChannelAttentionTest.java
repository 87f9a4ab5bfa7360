package dev.attnvision.attention;

import static dev.attnvision.attention.DeformableConv2dTest.assertClose;
import static dev.attnvision.attention.DeformableConv2dTest.param;
import static dev.attnvision.attention.DeformableConv2dTest.randomize;
import static dev.attnvision.attention.DeformableConv2dTest.uniform;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.attnvision.attention.NaiveOps.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CrossLevelChannelAttentionTest {
    private static final int C = 6;
    private static final Shape[] LEVELS = {new Shape(2, C, 8, 6), new Shape(2, C, 4, 3), new Shape(2, C, 2, 2)};

    @Test
    void everyLevelScaledByNaiveCrossLevelWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            Random random = new Random(5);
            CrossLevelChannelAttention block =
                    CrossLevelChannelAttention.builder().setLevels(LEVELS.length).setChannels(C).build();
            block.initialize(m, DataType.FLOAT32, LEVELS);
            randomize(m, block, random);
            NDList inputs = new NDList();
            for (Shape level : LEVELS) {
                inputs.add(uniform(m, random, level, -1, 1));
            }

            NDList outputs = block.forward(new ParameterStore(m, false), inputs, false);

            double[][] weights = naiveWeights(block, inputs);
            for (int l = 0; l < LEVELS.length; l++) {
                float[] x = inputs.get(l).toFloatArray();
                int plane = (int) (LEVELS[l].get(2) * LEVELS[l].get(3));
                float[] expected = new float[x.length];
                for (int i = 0; i < x.length; i++) {
                    int b = i / (C * plane);
                    int c = (i / plane) % C;
                    expected[i] = (float) (x[i] * weights[b][c]);
                }
                assertClose(expected, outputs.get(l).toFloatArray(), 1e-5);
            }
        }
    }

    /** Channel weights {@code [b][c]} computed with loops. */
    private static double[][] naiveWeights(CrossLevelChannelAttention block, NDList inputs) {
        float[] convWeight = param(block, "01conv_weight").toFloatArray();
        float[] convBias = param(block, "01conv_bias").toFloatArray();
        int batch = (int) LEVELS[0].get(0);
        double[][] concatenated = new double[batch][LEVELS.length * C];
        for (int l = 0; l < LEVELS.length; l++) {
            Shape s = LEVELS[l];
            Tensor x = new Tensor(inputs.get(l).toFloatArray(), batch, C, (int) s.get(2), (int) s.get(3));
            double[][] pooled = NaiveOps.globalAveragePool(NaiveOps.conv2d(x, convWeight, convBias, C, 3, 1, 1));
            for (int b = 0; b < batch; b++) {
                System.arraycopy(pooled[b], 0, concatenated[b], l * C, C);
            }
        }
        double[][] weights = new double[batch][];
        for (int b = 0; b < batch; b++) {
            double[] hidden = NaiveOps.linear(concatenated[b],
                    param(block, "02fc1_weight").toFloatArray(), param(block, "02fc1_bias").toFloatArray());
            for (int i = 0; i < hidden.length; i++) {
                hidden[i] = Math.max(0, hidden[i]);
            }
            weights[b] = NaiveOps.linear(hidden,
                    param(block, "03fc2_weight").toFloatArray(), param(block, "03fc2_bias").toFloatArray());
            for (int c = 0; c < C; c++) {
                weights[b][c] = NaiveOps.sigmoid(weights[b][c]);
            }
        }
        return weights;
    }
}
