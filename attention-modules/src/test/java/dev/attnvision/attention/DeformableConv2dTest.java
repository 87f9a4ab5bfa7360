package dev.attnvision.attention;

import static dev.attnvision.attention.BlockTestKit.assertAllClose;
import static dev.attnvision.attention.BlockTestKit.forward;
import static dev.attnvision.attention.BlockTestKit.randomNormal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tolerances: float32 results agree with the references within {@code 1e-5 * |ref| + 2e-6}; the
 * float64 gradient check uses the kit's defaults.
 */
class DeformableConv2dTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 2e-6;
    private static final Shape IN = new Shape(2, 4, 6, 5);

    private static DeformableConv2d block(int k, int s, int p, int d, int groups) {
        return DeformableConv2d.builder().setFilters(3).setKernelSize(k).optStride(s).optPadding(p)
                .optDilation(d).optDeformableGroups(groups).build();
    }

    private static Shape offsetShape(DeformableConv2d block, Shape in) {
        Shape out = block.outputShapeFor(in);
        return new Shape(in.get(0), block.getOffsetChannels(), out.get(2), out.get(3));
    }

    @ParameterizedTest(name = "k{0} s{1} p{2} d{3} G{4}")
    @CsvSource({"3,1,1,1,1", "3,2,1,1,2", "3,1,2,2,1", "1,1,0,1,4"})
    void zeroOffsetsEqualPlainConv2d(int k, int s, int p, int d, int groups) {
        try (NDManager m = BlockTestKit.newManager()) {
            DeformableConv2d deform = block(k, s, p, d, groups);
            Shape offsetShape = offsetShape(deform, IN);
            BlockTestKit.initialize(deform, m, IN, offsetShape);
            BlockTestKit.randomizeParameters(deform, 1, 0.5);
            Conv2d conv = Conv2d.builder().setKernelShape(new Shape(k, k)).optStride(new Shape(s, s))
                    .optPadding(new Shape(p, p)).optDilation(new Shape(d, d)).setFilters(3).build();
            BlockTestKit.initialize(conv, m, IN);
            for (String name : new String[] {"weight", "bias"}) {
                ParameterValues.assign(conv.getParameters().get(name).getArray(),
                        deform.getParameters().get(name).getArray());
            }
            NDArray x = randomNormal(m, IN, 2);

            NDArray zeros = m.zeros(offsetShape);
            assertAllClose(forward(conv, x).head(), forward(deform, x, zeros).head(), RTOL, ATOL);
        }
    }

    @ParameterizedTest(name = "k{0} s{1} p{2} d{3} G{4}")
    @CsvSource({"3,1,1,1,1", "3,2,1,1,2", "3,1,2,2,2", "2,1,0,1,1"})
    void randomOffsetsMatchNaiveLoopsIncludingOutsideSamples(int k, int s, int p, int d, int groups) {
        try (NDManager m = BlockTestKit.newManager()) {
            DeformableConv2d deform = block(k, s, p, d, groups);
            Shape offsetShape = offsetShape(deform, IN);
            BlockTestKit.initialize(deform, m, IN, offsetShape);
            BlockTestKit.randomizeParameters(deform, 3, 0.5);
            NDArray x = randomNormal(m, IN, 4);
            NDArray offsets = randomNormal(m, offsetShape, 5).mul(2);

            NaiveDeformableConv reference = new NaiveDeformableConv(k, s, p, d, groups);
            NaiveTensor expected = reference.forward(NaiveTensor.of(x), NaiveTensor.of(offsets),
                    NaiveTensor.parameter(deform, "weight"), NaiveTensor.parameter(deform, "bias"));
            expected.assertClose(forward(deform, x, offsets).head(), RTOL, ATOL);
            assertTrue(reference.outsideSamples > 0 && reference.insideSamples > 0,
                    "offsets must send some samples outside the image and keep some inside: "
                            + reference.outsideSamples + " outside, " + reference.insideSamples
                            + " inside");
        }
    }

    @Test
    void outputShapeIsDeclared() {
        try (NDManager m = BlockTestKit.newManager()) {
            DeformableConv2d deform = block(3, 2, 2, 2, 2);
            Shape offsetShape = offsetShape(deform, IN);
            BlockTestKit.initialize(deform, m, IN, offsetShape);
            NDArray y = BlockTestKit.assertOutputShapes(
                    deform, randomNormal(m, IN, 1), randomNormal(m, offsetShape, 2)).head();
            assertEquals(new Shape(2, 3, 3, 3), y.getShape());
        }
    }

    @Test
    void gradientsOfInputOffsetsWeightsAndBiasMatchFiniteDifferences() {
        try (NDManager m = BlockTestKit.newManager()) {
            DeformableConv2d deform = block(3, 1, 1, 1, 2);
            Shape in = new Shape(1, 2, 4, 3);
            BlockTestKit.assertGradientsMatchFiniteDifferences(
                    deform, m, 7, in, offsetShape(deform, in));
        }
    }

    @Test
    void parameterCountIsOutTimesInTimesTapsPlusBias() {
        try (NDManager m = BlockTestKit.newManager()) {
            DeformableConv2d withBias = block(3, 1, 1, 1, 1);
            BlockTestKit.initialize(withBias, m, IN, offsetShape(withBias, IN));
            assertEquals(3 * 4 * 3 * 3 + 3, BlockTestKit.parameterCount(withBias));
            DeformableConv2d noBias =
                    DeformableConv2d.builder().setFilters(3).setKernelSize(3).optBias(false).build();
            BlockTestKit.initialize(noBias, m, IN, offsetShape(noBias, IN));
            assertEquals(3 * 4 * 3 * 3, BlockTestKit.parameterCount(noBias));
        }
    }

    @Test
    void saveLoadBatchLayoutAndMemory() throws MalformedModelException {
        try (NDManager m = BlockTestKit.newManager()) {
            DeformableConv2d deform = block(3, 1, 1, 1, 2);
            Shape offsetShape = offsetShape(deform, IN);
            BlockTestKit.initialize(deform, m, IN, offsetShape);
            NDArray x = randomNormal(m, IN, 8);
            NDArray offsets = randomNormal(m, offsetShape, 9).mul(2);
            BlockTestKit.assertStandardContracts(
                    () -> block(3, 1, 1, 1, 2), deform, RTOL, ATOL, x, offsets);
        }
    }

    @Test
    void rejectsBadSettingsAndShapesQuotingThem() {
        IllegalArgumentException stride = assertThrows(IllegalArgumentException.class,
                () -> DeformableConv2d.builder().setFilters(3).setKernelSize(3).optStride(0).build());
        assertTrue(stride.getMessage().contains("stride") && stride.getMessage().contains("0"),
                stride.getMessage());
        DeformableConv2d deform = block(3, 1, 1, 1, 3);
        IllegalArgumentException groups = assertThrows(IllegalArgumentException.class,
                () -> deform.getOutputShapes(new Shape[] {IN, new Shape(2, 54, 6, 5)}));
        assertTrue(groups.getMessage().contains("4") && groups.getMessage().contains("3"),
                groups.getMessage());
        DeformableConv2d single = block(3, 1, 1, 1, 1);
        IllegalArgumentException offsets = assertThrows(IllegalArgumentException.class,
                () -> single.getOutputShapes(new Shape[] {IN, new Shape(2, 18, 5, 5)}));
        assertTrue(offsets.getMessage().contains("(2, 18, 5, 5)"), offsets.getMessage());
    }

    @Test
    void nonFiniteAndFarOutOffsetsSampleZeroAndGetNoGradient() {
        try (NDManager m = BlockTestKit.newManager()) {
            DeformableConv2d deform = block(3, 1, 1, 1, 2);
            Shape offsetShape = offsetShape(deform, IN);
            BlockTestKit.initialize(deform, m, IN, offsetShape);
            BlockTestKit.randomizeParameters(deform, 6, 0.5);
            NDArray x = randomNormal(m, IN, 7);
            float[] values = randomNormal(m, offsetShape, 8).toFloatArray();
            float[] farOutside = values.clone();
            float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e30f, -1e30f,
                Float.MAX_VALUE, 3e9f, -3e9f};
            boolean[] isBad = new boolean[values.length];
            for (int i = 0; i < values.length; i += 5) {
                values[i] = bad[(i / 5) % bad.length];
                farOutside[i] = -1000f;
                isBad[i] = true;
            }
            NDArray offsets = m.create(values, offsetShape);

            NaiveTensor expected = new NaiveDeformableConv(3, 1, 1, 1, 2).forward(NaiveTensor.of(x),
                    NaiveTensor.of(m.create(farOutside, offsetShape)),
                    NaiveTensor.parameter(deform, "weight"), NaiveTensor.parameter(deform, "bias"));
            x.setRequiresGradient(true);
            offsets.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = deform.forward(new ParameterStore(m, false), new NDList(x, offsets), true)
                        .head();
                expected.assertClose(y, RTOL, ATOL);
                collector.backward(y.mul(randomNormal(m, y.getShape(), 9)).sum());
            }
            float[] inputGradient = x.getGradient().toFloatArray();
            for (float g : inputGradient) {
                assertTrue(Float.isFinite(g), "input gradient " + Arrays.toString(inputGradient));
            }
            float[] offsetGradient = offsets.getGradient().toFloatArray();
            for (int i = 0; i < offsetGradient.length; i++) {
                assertTrue(isBad[i] ? offsetGradient[i] == 0f : Float.isFinite(offsetGradient[i]),
                        "offset " + values[i] + " got gradient " + offsetGradient[i]);
            }
        }
    }

    @Test
    void builderRejectsBadSettingsQuotingThem() {
        IllegalArgumentException filters = assertThrows(IllegalArgumentException.class,
                () -> DeformableConv2d.builder().setFilters(0).setKernelSize(3).build());
        assertTrue(filters.getMessage().contains("filters") && filters.getMessage().contains("0"),
                filters.getMessage());
        IllegalArgumentException padding = assertThrows(IllegalArgumentException.class,
                () -> DeformableConv2d.builder().setFilters(3).setKernelSize(3).optPadding(-1).build());
        assertTrue(padding.getMessage().contains("-1"), padding.getMessage());
    }
}
