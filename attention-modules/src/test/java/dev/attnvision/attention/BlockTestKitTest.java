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
    void roundingCheckAllowsReorderedSumsButNotABug() {
        float[] expected = {3f, -2f, 1e-3f, 0f};
        float eps = Math.ulp(1f);
        // a reordered sum: a few epsilons of the largest value, even on the near-zero elements
        float[] reordered = {3f + 4 * 3 * eps, -2f, 1e-3f - 8 * 3 * eps, 5 * 3 * eps};
        BlockTestKit.assertEqualUpToRounding(expected, reordered, "reordered");
        float[] wrong = {3f, -2f, 1e-3f + 1e-4f, 0f};
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> BlockTestKit.assertEqualUpToRounding(expected, wrong, "wrong"));
        assertTrue(e.getMessage().contains("[2]"), e.getMessage());
        float[] notANumber = {3f, -2f, Float.NaN, 0f};
        assertThrows(AssertionFailedError.class,
                () -> BlockTestKit.assertEqualUpToRounding(expected, notANumber, "NaN"));
    }

    @Test
    void parameterCheckCatchesOneUlpAndSaveLoadRestoresALinear() throws Exception {
        try (NDManager m = BlockTestKit.newManager()) {
            Linear a = Linear.builder().setUnits(2).build();
            Linear b = Linear.builder().setUnits(2).build();
            BlockTestKit.initialize(a, m, new Shape(1, 3));
            BlockTestKit.initialize(b, m, new Shape(1, 3));
            BlockTestKit.randomizeParameters(a, 1, 0.5);
            for (String name : new String[] {"weight", "bias"}) {
                ParameterValues.assign(b.getParameters().get(name).getArray(), a.getParameters().get(name).getArray());
            }
            BlockTestKit.assertParametersIdentical(a, b);
            float[] bias = b.getParameters().get("bias").getArray().toFloatArray();
            bias[1] = Math.nextUp(bias[1]);
            ParameterValues.assign(b.getParameters().get("bias").getArray(), bias);
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> BlockTestKit.assertParametersIdentical(a, b));
            assertTrue(e.getMessage().contains("bias"), e.getMessage());
            BlockTestKit.assertSaveLoadRestores(() -> Linear.builder().setUnits(2).build(), m,
                    BlockTestKit.randomNormal(m, new Shape(4, 3), 2));
        }
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
    void temporariesLeftOnTheParametersManagerAreCaught() {
        try (NDManager m = BlockTestKit.newManager()) {
            Linear linear = Linear.builder().setUnits(2).build();
            NDArray weight = BlockTestKit.randomNormal(m, new Shape(2, 3), 1);
            Block clean = new SequentialBlock().add(linear);
            BlockTestKit.initialize(clean, m, new Shape(1, 3));
            NDArray x = BlockTestKit.randomNormal(m, new Shape(1, 3), 2);
            BlockTestKit.assertNoTemporariesLeft(clean, x);
            // an op whose left operand is a parameter puts its result on the parameters' manager
            Block leaky = new SequentialBlock().add(linear).addSingleton(y -> {
                linear.getParameters().get("weight").getArray().add(weight);
                return y;
            });
            assertThrows(AssertionFailedError.class, () -> BlockTestKit.assertNoTemporariesLeft(leaky, x));
        }
    }
}
