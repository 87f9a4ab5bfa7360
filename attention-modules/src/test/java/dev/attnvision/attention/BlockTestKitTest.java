package dev.attnvision.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The kit must catch what it claims to catch; these tests feed it known failures. */
class BlockTestKitTest {

    @Test
    void allCloseNamesTheWorstElement() {
        double[] expected = {1, 2, 3, 4, 5, 6};
        double[] actual = {1, 2.001, 3, 4, 5.5, 6};
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> BlockTestKit.assertAllClose(expected, actual, new Shape(2, 3), 1e-5, 1e-6, "x"));
        assertTrue(e.getMessage().contains("2 of 6"), e.getMessage());
        assertTrue(e.getMessage().contains("[1, 1]"), e.getMessage());
        BlockTestKit.assertAllClose(expected, actual, new Shape(2, 3), 0.2, 0, "x");
    }

    @Test
    void gradientCheckPassesForLinearAndCatchesACutGraph() {
        try (NDManager m = BlockTestKit.newManager()) {
            BlockTestKit.assertGradientsMatchFiniteDifferences(
                    Linear.builder().setUnits(3).build(), m, 1, new Shape(2, 4));
            // y = x * stopGradient(x): the true derivative is 2x, autograd sees only x
            SequentialBlock cut = new SequentialBlock()
                    .add(Linear.builder().setUnits(3).build())
                    .addSingleton(x -> x.mul(x.stopGradient()));
            assertThrows(AssertionFailedError.class,
                    () -> BlockTestKit.assertGradientsMatchFiniteDifferences(cut, m, 2, new Shape(2, 4)));
        }
    }

    @Test
    void leftoverTemporariesAreCaught() {
        try (NDManager m = BlockTestKit.newManager()) {
            NDArray x = BlockTestKit.randomNormal(m, new Shape(1, 2, 3, 3), 8);
            Block clean = new SequentialBlock().addSingleton(a -> a.mul(2));
            BlockTestKit.initialize(clean, m, x.getShape());
            BlockTestKit.assertNoTemporariesLeft(clean, x);
            // a.mul(2) stays on the caller's manager beside the output
            Block leaky = new SequentialBlock().addSingleton(a -> a.mul(2).add(1));
            BlockTestKit.initialize(leaky, m, x.getShape());
            assertThrows(AssertionFailedError.class, () -> BlockTestKit.assertNoTemporariesLeft(leaky, x));
        }
    }

    @Test
    void channelsLastIsTheSameTensorStoredNhwc() {
        try (NDManager m = BlockTestKit.newManager()) {
            NDArray x = BlockTestKit.randomNormal(m, new Shape(2, 3, 4, 5), 7);
            NDArray view = BlockTestKit.channelsLast(x);
            assertEquals(x.getShape(), view.getShape());
            assertTrue(x.contentEquals(view));
        }
    }

    @Test
    void parameterPathsStripDjlIndicesAndJoinWithDots() {
        try (NDManager m = BlockTestKit.newManager()) {
            SequentialBlock inner = new SequentialBlock().add(Linear.builder().setUnits(2).build());
            Block root = new SequentialBlock().add(Linear.builder().setUnits(3).build()).add(inner);
            BlockTestKit.initialize(root, m, new Shape(1, 4));
            Map<String, Shape> shapes = BlockTestKit.parameterShapes(root);
            assertEquals(List.of("Linear.weight", "Linear.bias",
                    "SequentialBlock.Linear.weight", "SequentialBlock.Linear.bias"),
                    List.copyOf(shapes.keySet()));
            assertEquals(new Shape(2, 3), shapes.get("SequentialBlock.Linear.weight"));
            assertEquals(3 * 4 + 3 + 2 * 3 + 2, BlockTestKit.parameterCount(root));
            NDList out = BlockTestKit.assertOutputShapes(root, m.ones(new Shape(1, 4)));
            assertEquals(new Shape(1, 2), out.singletonOrThrow().getShape());
        }
    }

    @Test
    void multiInputBatchCheckCatchesMixingAcrossTheBatch() {
        try (NDManager m = BlockTestKit.newManager()) {
            NDArray a = BlockTestKit.randomNormal(m, new Shape(3, 2, 4, 4), 1);
            NDArray b = BlockTestKit.randomNormal(m, new Shape(3, 2, 4, 4), 2);
            Block perSample = new LambdaBlock(in -> new NDList(in.get(0).mul(in.get(1))));
            BlockTestKit.assertBatchMatchesSamples(perSample, 0, 0, a, b);
            BlockTestKit.assertChannelsLastMatches(perSample, 0, 0, a, b);
            Block mixing = new LambdaBlock(in -> new NDList(in.get(0).sub(in.get(1).mean(new int[] {0}))));
            assertThrows(AssertionFailedError.class,
                    () -> BlockTestKit.assertBatchMatchesSamples(mixing, 1e-6, 1e-6, a, b));
        }
    }

    @Test
    void randomizedParametersAreSeededAndCoverBiases() {
        try (NDManager m = BlockTestKit.newManager()) {
            Block first = Linear.builder().setUnits(3).build();
            Block second = Linear.builder().setUnits(3).build();
            BlockTestKit.initialize(first, m, new Shape(1, 4));
            BlockTestKit.initialize(second, m, new Shape(1, 4));
            BlockTestKit.randomizeParameters(first, 5, 0.5);
            BlockTestKit.randomizeParameters(second, 5, 0.5);
            NDArray bias = first.getParameters().get("bias").getArray();
            assertTrue(bias.abs().max().getFloat() > 0f, "bias left at zero");
            assertTrue(bias.abs().max().getFloat() <= 0.5f);
            assertTrue(bias.contentEquals(second.getParameters().get("bias").getArray()));
        }
    }

    @Test
    void temporaryCheckCatchesArraysLeftInEitherManager() {
        try (NDManager weights = BlockTestKit.newManager(); NDManager data = BlockTestKit.newManager()) {
            Linear clean = Linear.builder().setUnits(2).build();
            BlockTestKit.initialize(clean, weights, new Shape(1, 3));
            NDArray x = data.ones(new Shape(1, 3));
            BlockTestKit.assertForwardKeepsNoTemporaries(clean, x);
            SequentialBlock leaky = new SequentialBlock().add(clean).addSingleton(y -> {
                y.add(1); // a temporary nobody closes
                return y.mul(2);
            });
            assertThrows(AssertionFailedError.class, () -> BlockTestKit.assertForwardKeepsNoTemporaries(leaky, x));
        }
    }
}
