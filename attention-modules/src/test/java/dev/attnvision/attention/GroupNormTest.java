package dev.attnvision.attention;

import static dev.attnvision.attention.BlockTestKit.assertAllClose;
import static dev.attnvision.attention.BlockTestKit.forward;
import static dev.attnvision.attention.BlockTestKit.randomNormal;
import static dev.attnvision.attention.DeformableConv2dTest.ATOL;
import static dev.attnvision.attention.DeformableConv2dTest.RTOL;
import static dev.attnvision.attention.DeformableConv2dTest.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.attnvision.attention.NaiveOps.Tensor;
import org.junit.jupiter.api.Test;

/** Float32 against loops within {@code 1e-5 * |ref| + 2e-6}; gradients with the kit's defaults. */
class GroupNormTest {
    private static final Shape IN = new Shape(2, 6, 5, 4);

    @Test
    void matchesNaiveLoops() {
        try (NDManager m = BlockTestKit.newManager()) {
            GroupNorm block = GroupNorm.builder().setGroups(3).build();
            BlockTestKit.initialize(block, m, IN);
            BlockTestKit.randomizeParameters(block, 1, 1.0);
            NDArray x = randomNormal(m, IN, 2).mul(3).add(1);

            float[] expected = NaiveOps.groupNorm(new Tensor(x.toFloatArray(), 2, 6, 5, 4), 3,
                    param(block, "gamma").toFloatArray(), param(block, "beta").toFloatArray()).data();
            assertAllClose(m.create(expected, IN), forward(block, x).head(), RTOL, ATOL);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = BlockTestKit.newManager()) {
            BlockTestKit.assertGradientsMatchFiniteDifferences(
                    GroupNorm.builder().setGroups(2).build(), m, 3, new Shape(2, 4, 3, 2));
        }
    }

    @Test
    void shapesCountSaveLoadBatchLayoutAndMemory() throws MalformedModelException {
        try (NDManager m = BlockTestKit.newManager()) {
            GroupNorm block = GroupNorm.builder().setGroups(3).build();
            BlockTestKit.initialize(block, m, IN);
            BlockTestKit.randomizeParameters(block, 4, 1.0);
            NDArray x = randomNormal(m, IN, 5);
            BlockTestKit.assertOutputShapes(block, x);
            assertEquals(2 * 6, BlockTestKit.parameterCount(block));
            BlockTestKit.assertSaveLoadIdentical(() -> GroupNorm.builder().setGroups(3).build(), m, x);
            BlockTestKit.assertBatchMatchesSamples(block, x, RTOL, ATOL);
            BlockTestKit.assertChannelsLastMatches(block, x, RTOL, ATOL);
            try (NDManager data = BlockTestKit.newManager()) {
                BlockTestKit.assertForwardKeepsNoTemporaries(block, data.create(x.toFloatArray(), x.getShape()));
            }
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
