package dev.attnvision.attention;

import static dev.attnvision.attention.DeformableConv2dTest.assertClose;
import static dev.attnvision.attention.DeformableConv2dTest.param;
import static dev.attnvision.attention.DeformableConv2dTest.randomize;
import static dev.attnvision.attention.DeformableConv2dTest.uniform;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import dev.attnvision.attention.NaiveOps.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlignedAttentionTest {
    private static final Shape IN = new Shape(2, 4, 6, 5);

    @Test
    void freshBlockIsThePlainConvolution() {
        try (NDManager m = NDManager.newBaseManager()) {
            Random random = new Random(2);
            AlignedAttention block = AlignedAttention.builder().setFilters(3).build();
            block.initialize(m, DataType.FLOAT32, IN);
            Conv2d conv = Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                    .setFilters(3).build();
            conv.initialize(m, DataType.FLOAT32, IN);
            conv.getParameters().get("weight").getArray().set(param(block, "02deform_conv_weight").toFloatArray());
            conv.getParameters().get("bias").getArray().set(param(block, "02deform_conv_bias").toFloatArray());
            NDArray x = uniform(m, random, IN, -1, 1);
            ParameterStore ps = new ParameterStore(m, false);

            assertClose(conv.forward(ps, new NDList(x), false).head().toFloatArray(),
                    block.forward(ps, new NDList(x), false).head().toFloatArray(), 1e-5);
        }
    }

    @Test
    void predictedOffsetsDeformTheConvolutionLikeNaiveLoops() {
        try (NDManager m = NDManager.newBaseManager()) {
            Random random = new Random(4);
            AlignedAttention block = AlignedAttention.builder().setFilters(3).optDeformableGroups(2).build();
            block.initialize(m, DataType.FLOAT32, IN);
            randomize(m, block, random);
            NDArray offsetWeight = param(block, "01conv_offset_weight");
            offsetWeight.set(offsetWeight.mul(4).toFloatArray());
            NDArray x = uniform(m, random, IN, -1, 1);

            NDArray actual = block.forward(new ParameterStore(m, false), new NDList(x), false).head();

            Tensor offsets = NaiveOps.conv2d(new Tensor(x.toFloatArray(), 2, 4, 6, 5), offsetWeight.toFloatArray(),
                    param(block, "01conv_offset_bias").toFloatArray(), 2 * 2 * 9, 3, 1, 1);
            NaiveDeformableConv reference = new NaiveDeformableConv(3, 1, 1, 1, 2);
            float[] expected = reference.forward(x.toFloatArray(), IN, offsets.data(),
                    param(block, "02deform_conv_weight").toFloatArray(),
                    param(block, "02deform_conv_bias").toFloatArray(), 3);
            assertClose(expected, actual.toFloatArray(), 1e-5);
            assertTrue(reference.outsideSamples > 0, "some predicted offsets should leave the image");
        }
    }
}
