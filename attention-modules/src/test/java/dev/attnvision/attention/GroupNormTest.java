package dev.attnvision.attention;

import static dev.attnvision.attention.DeformableConv2dTest.assertClose;
import static dev.attnvision.attention.DeformableConv2dTest.param;
import static dev.attnvision.attention.DeformableConv2dTest.randomize;
import static dev.attnvision.attention.DeformableConv2dTest.uniform;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.attnvision.attention.NaiveOps.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupNormTest {

    @Test
    void matchesNaiveLoops() {
        try (NDManager m = NDManager.newBaseManager()) {
            Random random = new Random(9);
            Shape in = new Shape(2, 6, 5, 4);
            GroupNorm block = GroupNorm.builder().setGroups(3).build();
            block.initialize(m, DataType.FLOAT32, in);
            randomize(m, block, random);
            NDArray x = uniform(m, random, in, -2, 3);

            float[] expected = NaiveOps.groupNorm(new Tensor(x.toFloatArray(), 2, 6, 5, 4), 3,
                    param(block, "gamma").toFloatArray(), param(block, "beta").toFloatArray()).data();
            assertClose(expected, block.forward(new ParameterStore(m, false), new NDList(x), false)
                    .head().toFloatArray(), 1e-5);
        }
    }

    @Test
    void rejectsChannelsNotDivisibleByGroupsQuotingThem() {
        GroupNorm block = GroupNorm.builder().setGroups(4).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> block.getOutputShapes(new Shape[] {new Shape(1, 6, 2, 2)}));
        assertTrue(e.getMessage().contains("(1, 6, 2, 2)"), e.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> GroupNorm.builder().setGroups(0).build());
        assertTrue(zero.getMessage().contains("0"), zero.getMessage());
    }
}
