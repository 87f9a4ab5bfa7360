package dev.attnvision.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeformableConv2dTest {

    @ParameterizedTest(name = "k{0} s{1} p{2} d{3} G{4}")
    @CsvSource({"3,1,1,1,1", "3,2,1,1,2", "3,1,2,2,1", "1,1,0,1,4"})
    void zeroOffsetsEqualPlainConv2d(int k, int s, int p, int d, int groups) {
        try (NDManager m = NDManager.newBaseManager()) {
            Random random = new Random(7);
            Shape in = new Shape(2, 4, 7, 6);
            DeformableConv2d deform = DeformableConv2d.builder()
                    .setFilters(3).setKernelSize(k).optStride(s).optPadding(p).optDilation(d)
                    .optDeformableGroups(groups).build();
            Shape offsetShape = offsetShape(deform, in);
            deform.initialize(m, DataType.FLOAT32, in, offsetShape);
            Conv2d conv = Conv2d.builder().setKernelShape(new Shape(k, k)).optStride(new Shape(s, s))
                    .optPadding(new Shape(p, p)).optDilation(new Shape(d, d)).setFilters(3).build();
            conv.initialize(m, DataType.FLOAT32, in);
            randomize(m, deform, random);
            conv.getParameters().get("weight").getArray().set(param(deform, "weight").toFloatArray());
            conv.getParameters().get("bias").getArray().set(param(deform, "bias").toFloatArray());

            NDArray x = uniform(m, random, in, -1, 1);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray expected = conv.forward(ps, new NDList(x), false).head();
            NDArray actual = deform.forward(ps, new NDList(x, m.zeros(offsetShape)), false).head();
            assertClose(expected.toFloatArray(), actual.toFloatArray(), 1e-5);
            assertArrayEquals(expected.getShape().getShape(), actual.getShape().getShape());
        }
    }

    @ParameterizedTest(name = "k{0} s{1} p{2} d{3} G{4}")
    @CsvSource({"3,1,1,1,1", "3,2,1,1,2", "3,1,2,2,2", "2,1,0,1,1"})
    void randomOffsetsMatchNaiveLoops(int k, int s, int p, int d, int groups) {
        try (NDManager m = NDManager.newBaseManager()) {
            Random random = new Random(11);
            Shape in = new Shape(2, 4, 6, 5);
            DeformableConv2d deform = DeformableConv2d.builder()
                    .setFilters(3).setKernelSize(k).optStride(s).optPadding(p).optDilation(d)
                    .optDeformableGroups(groups).build();
            Shape offsetShape = offsetShape(deform, in);
            deform.initialize(m, DataType.FLOAT32, in, offsetShape);
            randomize(m, deform, random);
            NDArray x = uniform(m, random, in, -1, 1);
            NDArray offsets = uniform(m, random, offsetShape, -3, 3);

            NDArray actual = deform.forward(new ParameterStore(m, false), new NDList(x, offsets), false).head();
            NaiveDeformableConv reference = new NaiveDeformableConv(k, s, p, d, groups);
            float[] expected = reference.forward(
                    x.toFloatArray(), in, offsets.toFloatArray(),
                    param(deform, "weight").toFloatArray(), param(deform, "bias").toFloatArray(), 3);
            assertClose(expected, actual.toFloatArray(), 1e-5);
            assertTrue(reference.outsideSamples > 0 && reference.insideSamples > 0,
                    "offsets must send some samples outside the image and keep some inside: "
                            + reference.outsideSamples + " outside, " + reference.insideSamples + " inside");
        }
    }

    static Shape offsetShape(DeformableConv2d block, Shape in) {
        Shape out = block.outputShapeFor(in);
        return new Shape(in.get(0), block.getOffsetChannels(), out.get(2), out.get(3));
    }

    static NDArray param(ai.djl.nn.Block block, String name) {
        return block.getParameters().get(name).getArray();
    }

    static void randomize(NDManager m, ai.djl.nn.Block block, Random random) {
        block.getParameters().values().forEach(p -> {
            NDArray a = p.getArray();
            a.set(uniform(m, random, a.getShape(), -0.5, 0.5).toType(a.getDataType(), false).toFloatArray());
        });
    }

    static NDArray uniform(NDManager m, Random random, Shape shape, double lo, double hi) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (lo + (hi - lo) * random.nextDouble());
        }
        return m.create(v, shape);
    }

    static void assertClose(float[] expected, float[] actual, double rtol) {
        assertTrue(expected.length == actual.length, "lengths " + expected.length + " vs " + actual.length);
        for (int i = 0; i < expected.length; i++) {
            double tol = rtol * Math.max(1.0, Math.abs(expected[i]));
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol,
                    "element " + i + ": expected " + expected[i] + ", got " + actual[i]);
        }
    }
}
