package dev.attnvision.attention;

import static dev.attnvision.attention.BlockTestKit.forward;
import static dev.attnvision.attention.BlockTestKit.randomNormal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * One array and several levels (pooled statistics). Float32 against loops within
 * {@code 1e-5 * |ref| + 2e-6}; gradients with the kit's defaults.
 */
class GroupNormTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 2e-6;
    private static final Shape IN = new Shape(2, 6, 5, 4);
    private static final Shape[] LEVELS = {new Shape(2, 6, 4, 3), new Shape(2, 6, 2, 2), new Shape(2, 6, 1, 1)};

    private static GroupNorm block() {
        return GroupNorm.builder().setGroups(3).build();
    }

    private static NDArray[] levels(NDManager m, long seed) {
        NDArray[] levels = new NDArray[LEVELS.length];
        for (int l = 0; l < levels.length; l++) {
            levels[l] = randomNormal(m, LEVELS[l], seed + l).mul(l + 1).add(l);
        }
        return levels;
    }

    @Test
    void matchesNaiveLoops() {
        try (NDManager m = BlockTestKit.newManager()) {
            GroupNorm block = block();
            BlockTestKit.initialize(block, m, IN);
            BlockTestKit.randomizeParameters(block, 1, 1.0);
            NDArray x = randomNormal(m, IN, 2).mul(3).add(1);

            NaiveTensor expected = NaiveTensor.of(x).groupNorm(3,
                    NaiveTensor.parameter(block, "gamma"), NaiveTensor.parameter(block, "beta"), 1e-5);
            expected.assertClose(forward(block, x).head(), RTOL, ATOL);
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
    void shapesCountAndStandardContracts() throws MalformedModelException {
        try (NDManager m = BlockTestKit.newManager()) {
            GroupNorm block = block();
            BlockTestKit.initialize(block, m, IN);
            BlockTestKit.randomizeParameters(block, 4, 1.0);
            NDArray x = randomNormal(m, IN, 5);
            BlockTestKit.assertOutputShapes(block, x);
            assertEquals(2 * 6, BlockTestKit.parameterCount(block));
            BlockTestKit.assertStandardContracts(GroupNormTest::block, block, x, RTOL, ATOL);
        }
    }

    @Test
    void levelsShareStatisticsLikeGroupNormOfTheirConcatenation() {
        try (NDManager m = BlockTestKit.newManager()) {
            GroupNorm block = block();
            BlockTestKit.initialize(block, m, LEVELS);
            BlockTestKit.randomizeParameters(block, 6, 1.0);
            NDArray[] levels = levels(m, 7);

            NDList outputs = forward(block, levels);

            // one image's levels side by side along W form one map with the same statistics
            NaiveTensor joined = null;
            NDList flattened = new NDList();
            for (int l = 0; l < levels.length; l++) {
                int positions = (int) (LEVELS[l].get(2) * LEVELS[l].get(3));
                NaiveTensor level = NaiveTensor.of(levels[l]).reshape(2, 6, 1, positions);
                joined = joined == null ? level : joined.concat(level, 3);
                flattened.add(outputs.get(l).reshape(2, 6, 1, positions));
            }
            joined.groupNorm(3, NaiveTensor.parameter(block, "gamma"),
                    NaiveTensor.parameter(block, "beta"), 1e-5)
                    .assertClose(NDArrays.concat(flattened, 3), RTOL, ATOL);
        }
    }

    @Test
    void crossLevelGradientsAndStandardContracts() throws MalformedModelException {
        try (NDManager m = BlockTestKit.newManager()) {
            BlockTestKit.assertGradientsMatchFiniteDifferences(GroupNorm.builder().setGroups(2).build(),
                    m, 8, new Shape(2, 4, 3, 2), new Shape(2, 4, 1, 2));
            GroupNorm block = block();
            BlockTestKit.initialize(block, m, LEVELS);
            NDArray[] levels = levels(m, 9);
            BlockTestKit.assertOutputShapes(block, levels);
            BlockTestKit.assertStandardContracts(GroupNormTest::block, block, RTOL, ATOL, levels);
        }
    }

    @Test
    void rejectsChannelsNotDivisibleByGroupsQuotingThem() {
        GroupNorm block = GroupNorm.builder().setGroups(4).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> block.getOutputShapes(new Shape[] {new Shape(1, 6, 2, 2)}));
        assertTrue(e.getMessage().contains("(1, 6, 2, 2)"), e.getMessage());
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> block.getOutputShapes(new Shape[] {new Shape(1, 8, 2, 2), new Shape(1, 4, 2, 2)}));
        assertTrue(mixed.getMessage().contains("(1, 4, 2, 2)"), mixed.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> GroupNorm.builder().setGroups(0).build());
        assertTrue(zero.getMessage().contains("0"), zero.getMessage());
    }

    @Test
    void gradientsSurviveAGarbageCollectionBeforeBackward() {
        try (NDManager m = BlockTestKit.newManager()) {
            GroupNorm norm = GroupNorm.builder().setGroups(3).build();
            BlockTestKit.initialize(norm, m, LEVELS);
            NDArray[] levels = new NDArray[LEVELS.length];
            for (int i = 0; i < levels.length; i++) {
                levels[i] = randomNormal(m, LEVELS[i], 93 + i);
            }
            BlockTestKit.assertGradientsSurviveGarbageCollection(norm, levels);
        }
    }
}
