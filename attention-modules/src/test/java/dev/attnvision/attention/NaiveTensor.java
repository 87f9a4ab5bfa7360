package dev.attnvision.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A plain-Java, row-major double tensor for writing independent reference implementations with
 * loops: tests compute expected values with it, never with the engine ops under test.
 *
 * <p>Only the few operations the attention blocks need, written for clarity, not speed: keep
 * reference inputs tiny. Broadcasting follows NumPy for tensors of equal rank.
 */
final class NaiveTensor {

    private final double[] values;
    private final int[] shape;

    NaiveTensor(double[] values, int... shape) {
        if (values.length != size(shape)) {
            throw new IllegalArgumentException(
                    values.length + " values do not fill shape " + Arrays.toString(shape));
        }
        this.values = values;
        this.shape = shape.clone();
    }

    /** Copies an array of any numeric type. */
    static NaiveTensor of(NDArray array) {
        return new NaiveTensor(BlockTestKit.toDoubles(array),
                Arrays.stream(array.getShape().getShape()).mapToInt(Math::toIntExact).toArray());
    }

    /** Copies a parameter of a block by its {@link ParameterPaths} path. */
    static NaiveTensor parameter(Block block, String path) {
        var p = ParameterPaths.of(block).get(path);
        if (p == null) {
            throw new IllegalArgumentException(
                    "no parameter " + path + " in " + ParameterPaths.of(block).keySet());
        }
        return of(p.getArray());
    }

    int dim(int axis) {
        return shape[axis];
    }

    double get(int... index) {
        return values[offset(index)];
    }

    void set(double value, int... index) {
        values[offset(index)] = value;
    }

    /** Asserts elementwise closeness of an engine result to this reference. */
    void assertClose(NDArray actual, double rtol, double atol) {
        long[] expectedShape = Arrays.stream(shape).asLongStream().toArray();
        if (!Arrays.equals(expectedShape, actual.getShape().getShape())) {
            throw new AssertionError("shape: expected " + Arrays.toString(shape) + ", actual "
                    + actual.getShape());
        }
        BlockTestKit.assertAllClose(values, BlockTestKit.toDoubles(actual), new Shape(expectedShape),
                rtol, atol, "reference vs block");
    }

    /** Asserts elementwise closeness of a probe's recorded map to this reference. */
    void assertClose(AttentionRecorder.Recorded recorded, double rtol, double atol) {
        long[] expectedShape = Arrays.stream(shape).asLongStream().toArray();
        if (!Arrays.equals(expectedShape, recorded.shape().getShape())) {
            throw new AssertionError("shape: expected " + Arrays.toString(shape) + ", recorded "
                    + recorded.shape());
        }
        BlockTestKit.assertAllClose(values, BlockTestKit.toDoubles(recorded.values()), recorded.shape(), rtol, atol,
                "reference vs recorded " + recorded.kind());
    }

    NaiveTensor map(DoubleUnaryOperator f) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(values[i]);
        }
        return new NaiveTensor(out, shape);
    }

    /** Elementwise {@code f(this, other)} with broadcasting of size-1 axes (equal rank). */
    NaiveTensor zip(NaiveTensor other, DoubleBinaryOperator f) {
        if (other.shape.length != shape.length) {
            throw new IllegalArgumentException("ranks differ");
        }
        int[] out = new int[shape.length];
        for (int d = 0; d < out.length; d++) {
            if (shape[d] != other.shape[d] && shape[d] != 1 && other.shape[d] != 1) {
                throw new IllegalArgumentException("cannot broadcast " + Arrays.toString(shape)
                        + " with " + Arrays.toString(other.shape));
            }
            out[d] = Math.max(shape[d], other.shape[d]);
        }
        NaiveTensor result = new NaiveTensor(new double[size(out)], out);
        int[] index = new int[out.length];
        for (int i = 0; i < result.values.length; i++) {
            unravel(i, out, index);
            result.values[i] = f.applyAsDouble(broadcastGet(index), other.broadcastGet(index));
        }
        return result;
    }

    NaiveTensor add(NaiveTensor other) {
        return zip(other, Double::sum);
    }

    NaiveTensor mul(NaiveTensor other) {
        return zip(other, (a, b) -> a * b);
    }

    /** Mean over one axis, kept with size 1. */
    NaiveTensor mean(int axis) {
        return reduce(axis, 0, Double::sum).map(v -> v / shape[axis]);
    }

    /** Maximum over one axis, kept with size 1. */
    NaiveTensor max(int axis) {
        return reduce(axis, Double.NEGATIVE_INFINITY, Math::max);
    }

    /** Softmax over one axis. */
    NaiveTensor softmax(int axis) {
        NaiveTensor shifted = zip(max(axis), (v, m) -> Math.exp(v - m));
        return shifted.zip(shifted.reduce(axis, 0, Double::sum), (e, s) -> e / s);
    }

    /** Concatenation along an axis. */
    NaiveTensor concat(NaiveTensor other, int axis) {
        int[] out = shape.clone();
        out[axis] += other.shape[axis];
        NaiveTensor result = new NaiveTensor(new double[size(out)], out);
        int[] index = new int[out.length];
        for (int i = 0; i < result.values.length; i++) {
            unravel(i, out, index);
            if (index[axis] < shape[axis]) {
                result.values[i] = get(index);
            } else {
                int[] inOther = index.clone();
                inOther[axis] -= shape[axis];
                result.values[i] = other.get(inOther);
            }
        }
        return result;
    }

    NaiveTensor reshape(int... newShape) {
        return new NaiveTensor(values.clone(), newShape);
    }

    /**
     * Stride-1 2-D convolution with zero padding, as in PyTorch (cross-correlation).
     *
     * @param weight (Cout, Cin, K, K)
     * @param bias (Cout) or null
     * @param padding zero padding on each side
     * @return (B, Cout, H + 2p - K + 1, W + 2p - K + 1)
     */
    NaiveTensor conv2d(NaiveTensor weight, NaiveTensor bias, int padding) {
        return conv2d(weight, bias, padding, 1);
    }

    /**
     * Stride-1 dilated 2-D convolution with zero padding, as in PyTorch (cross-correlation).
     *
     * @param weight (Cout, Cin, K, K)
     * @param bias (Cout) or null
     * @param padding zero padding on each side
     * @param dilation spacing of the kernel taps
     * @return (B, Cout, H + 2p - d(K-1), W + 2p - d(K-1))
     */
    NaiveTensor conv2d(NaiveTensor weight, NaiveTensor bias, int padding, int dilation) {
        int b = shape[0];
        int cin = shape[1];
        int h = shape[2];
        int w = shape[3];
        int cout = weight.shape[0];
        int k = weight.shape[2];
        int ho = h + 2 * padding - dilation * (k - 1);
        int wo = w + 2 * padding - dilation * (k - 1);
        NaiveTensor out = new NaiveTensor(new double[b * cout * ho * wo], b, cout, ho, wo);
        for (int n = 0; n < b; n++) {
            for (int o = 0; o < cout; o++) {
                for (int y = 0; y < ho; y++) {
                    for (int x = 0; x < wo; x++) {
                        double sum = bias == null ? 0 : bias.values[o];
                        for (int c = 0; c < cin; c++) {
                            for (int i = 0; i < k; i++) {
                                for (int j = 0; j < k; j++) {
                                    int yy = y + i * dilation - padding;
                                    int xx = x + j * dilation - padding;
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                                        sum += get(n, c, yy, xx) * weight.get(o, c, i, j);
                                    }
                                }
                            }
                        }
                        out.set(sum, n, o, y, x);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Group normalisation of a (B, C, H, W) tensor: each (sample, group of C/G channels) is
     * standardised with its mean and biased variance, then scaled and shifted per channel.
     *
     * @param groups number of groups G, dividing C
     * @param gamma (C) scale
     * @param beta (C) shift
     * @param eps added to the variance
     * @return (B, C, H, W)
     */
    NaiveTensor groupNorm(int groups, NaiveTensor gamma, NaiveTensor beta, double eps) {
        int per = shape[1] / groups;
        NaiveTensor out = new NaiveTensor(new double[values.length], shape);
        for (int n = 0; n < shape[0]; n++) {
            for (int g = 0; g < groups; g++) {
                double sum = 0;
                double squares = 0;
                int count = per * shape[2] * shape[3];
                for (int c = g * per; c < (g + 1) * per; c++) {
                    for (int y = 0; y < shape[2]; y++) {
                        for (int x = 0; x < shape[3]; x++) {
                            sum += get(n, c, y, x);
                        }
                    }
                }
                double mean = sum / count;
                for (int c = g * per; c < (g + 1) * per; c++) {
                    for (int y = 0; y < shape[2]; y++) {
                        for (int x = 0; x < shape[3]; x++) {
                            squares += (get(n, c, y, x) - mean) * (get(n, c, y, x) - mean);
                        }
                    }
                }
                double std = Math.sqrt(squares / count + eps);
                for (int c = g * per; c < (g + 1) * per; c++) {
                    for (int y = 0; y < shape[2]; y++) {
                        for (int x = 0; x < shape[3]; x++) {
                            out.set(gamma.values[c] * (get(n, c, y, x) - mean) / std + beta.values[c], n, c, y, x);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Fully connected layer on the last axis of a 2-D tensor: {@code x W^T + b}.
     *
     * @param weight (out, in)
     * @param bias (out) or null
     * @return (B, out)
     */
    NaiveTensor linear(NaiveTensor weight, NaiveTensor bias) {
        int b = shape[0];
        int in = shape[1];
        int outs = weight.shape[0];
        NaiveTensor out = new NaiveTensor(new double[b * outs], b, outs);
        for (int n = 0; n < b; n++) {
            for (int o = 0; o < outs; o++) {
                double sum = bias == null ? 0 : bias.values[o];
                for (int i = 0; i < in; i++) {
                    sum += get(n, i) * weight.get(o, i);
                }
                out.set(sum, n, o);
            }
        }
        return out;
    }

    static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    static double relu(double v) {
        return Math.max(v, 0);
    }

    static double leakyRelu(double v, double slope) {
        return v >= 0 ? v : slope * v;
    }

    private NaiveTensor reduce(int axis, double identity, DoubleBinaryOperator f) {
        int[] out = shape.clone();
        out[axis] = 1;
        double[] acc = new double[size(out)];
        Arrays.fill(acc, identity);
        NaiveTensor result = new NaiveTensor(acc, out);
        int[] index = new int[shape.length];
        for (int i = 0; i < values.length; i++) {
            unravel(i, shape, index);
            int at = index[axis];
            index[axis] = 0;
            int o = result.offset(index);
            acc[o] = f.applyAsDouble(acc[o], values[i]);
            index[axis] = at;
        }
        return result;
    }

    private double broadcastGet(int[] index) {
        int o = 0;
        for (int d = 0; d < shape.length; d++) {
            o = o * shape[d] + (shape[d] == 1 ? 0 : index[d]);
        }
        return values[o];
    }

    private int offset(int[] index) {
        int o = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException(
                        Arrays.toString(index) + " outside " + Arrays.toString(shape));
            }
            o = o * shape[d] + index[d];
        }
        return o;
    }

    private static void unravel(int flat, int[] shape, int[] index) {
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }
}
