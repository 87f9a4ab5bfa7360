package dev.attnvision.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * Deformable 2-D convolution (v1): every kernel tap samples the input at a learned, fractional
 * displacement of its regular grid position, with bilinear interpolation.
 *
 * <pre>
 *   y[b,o,p] = bias[o] + sum_c sum_k w[o,c,k] * X[b,c]( p*s - pad + p_k*d + dp[b,g(c),k,p] )
 *   X(q)     = sum over the 4 integer neighbours n of q of (1-|q_y-n_y|)(1-|q_x-n_x|) x(n),
 *              with x(n) = 0 for n outside the image, and X(q) = 0 for non-finite q
 * </pre>
 *
 * where {@code p} runs over output pixels, {@code k} over the {@code k x k} taps at grid offsets
 * {@code p_k}, and {@code g(c) = c / (C / G)} is the deformable group of channel {@code c}.
 *
 * <p>Inputs: {@code x (B, C, H, W)} and {@code offsets (B, 2*G*k*k, Ho, Wo)}, channel
 * {@code 2*(g*k*k + tap)} holding the row shift {@code dy} and the next one the column shift
 * {@code dx} (the torchvision / mmcv order). Output {@code (B, O, Ho, Wo)} with
 * {@code Ho = (H + 2*pad - d*(k-1) - 1) / s + 1}. The weight {@code (O, C, k, k)} and bias
 * {@code (O)} have a plain {@code Conv2d}'s shapes, so with zero offsets this block is that
 * convolution.
 *
 * <p>Computation, all on whole arrays: sampling positions for every (output pixel, tap, group);
 * for each of the 4 bilinear corners the rows of the input read as {@code (B*H*W*G, C/G)} picked
 * at flattened indices, weighted (zero outside); the sum is the column matrix
 * {@code (B, Ho*Wo, k*k*C)}, multiplied by the weight reordered to {@code (O, k*k*C)} and
 * transposed. The input is read channels-last, so a channels-last view costs no copy, and the
 * output is a channels-last array viewed as NCHW, the layout fast convolutions downstream prefer.
 * Peak memory is a few column matrices of {@code B * Ho*Wo * k*k * C} elements each.
 *
 * <p>Dai, Qi, Xiong, Li, Zhang, Hu and Wei, 2017, "Deformable Convolutional Networks",
 * arXiv:1703.06211. Deviations: square kernels only, no convolution groups (deformable groups
 * only).
 */
public final class DeformableConv2d extends AbstractBlock {

    private final int filters;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final int deformableGroups;
    private final Parameter weight;
    private final Parameter bias;

    private DeformableConv2d(Builder builder) {
        filters = builder.filters;
        kernel = builder.kernelSize;
        stride = builder.stride;
        padding = builder.padding;
        dilation = builder.dilation;
        deformableGroups = builder.deformableGroups;
        weight = addParameter(
                Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        bias = builder.includeBias
                ? addParameter(
                        Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build())
                : null;
    }

    /** @return a builder; filters and kernel size are required */
    public static Builder builder() {
        return new Builder();
    }

    /** The square kernel side {@code k}. */
    int kernelSize() {
        return kernel;
    }

    /** The stride. */
    int stride() {
        return stride;
    }

    /** The zero padding. */
    int padding() {
        return padding;
    }

    /** The dilation of the sampling grid. */
    int dilation() {
        return dilation;
    }

    /** @return the number of offset channels this block expects, {@code 2 * G * k * k} */
    public int getOffsetChannels() {
        return 2 * deformableGroups * kernel * kernel;
    }

    /**
     * @param inputShape {@code (B, C, H, W)}
     * @return the output shape {@code (B, O, Ho, Wo)}
     */
    Shape outputShapeFor(Shape inputShape) {
        return new Shape(inputShape.get(0), filters,
                outputSize(inputShape.get(2)), outputSize(inputShape.get(3)));
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        long channels = checkInputs(inputShapes).get(1);
        weight.setShape(new Shape(filters, channels, kernel, kernel));
        if (bias != null) {
            bias.setShape(new Shape(filters));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {outputShapeFor(checkInputs(inputShapes))};
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        Shape[] shapes = inputs.getShapes();
        checkInputs(shapes);
        NDArray x = inputs.get(0);
        NDArray offsets = inputs.get(1);
        NDArray w = parameterStore.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : parameterStore.getValue(bias, x.getDevice(), training);
        try (NDManager scope = NDManager.subManagerOf(x)) {
            scope.tempAttachAll(x, offsets);
            return new NDList(scope.ret(deform(scope, x, offsets, ForwardScope.local(w, scope),
                    b == null ? null : ForwardScope.local(b, scope))));
        }
    }

    private NDArray deform(NDManager scope, NDArray x, NDArray offsets, NDArray w, NDArray b) {
        Shape in = x.getShape();
        Shape out = outputShapeFor(in);
        long batch = in.get(0);
        long channels = in.get(1);
        long height = in.get(2);
        long width = in.get(3);
        long outHeight = out.get(2);
        long outWidth = out.get(3);
        long taps = (long) kernel * kernel;
        long samples = outHeight * outWidth * taps;
        long groupChannels = channels / deformableGroups;
        DataType type = x.getDataType();

        // Sampling positions (B, Ho*Wo*K, G), ordered (output row, output column, tap).
        NDArray offsetsLast = offsets
                .reshape(batch, deformableGroups, taps, 2, outHeight, outWidth)
                .transpose(0, 4, 5, 2, 1, 3)
                .reshape(batch, samples, deformableGroups, 2);
        NDArray rows = gridPositions(scope, outHeight, outWidth, true, type)
                .add(offsetsLast.get(":, :, :, 0"));
        NDArray cols = gridPositions(scope, outHeight, outWidth, false, type)
                .add(offsetsLast.get(":, :, :, 1"));

        // Bilinear sampling, one corner at a time: rows of the input read as (B*H*W*G, C/G) picked
        // by flattened index ((b*H + row)*W + col)*G + g, weighted, zero outside the image.
        NDArray source = x.transpose(0, 2, 3, 1)
                .reshape(batch * height * width * deformableGroups, groupChannels);
        NDArray imageRow = scope.arange(0, (int) batch, 1, DataType.INT64)
                .mul(height).reshape(batch, 1, 1);
        NDArray group = scope.arange(0, deformableGroups, 1, DataType.INT64)
                .reshape(1, 1, deformableGroups);
        Neighbours below = Neighbours.of(rows, height);
        Neighbours right = Neighbours.of(cols, width);
        NDArray[] rowStarts = new NDArray[2];
        NDArray[] colOffsets = new NDArray[2];
        for (int d = 0; d <= 1; d++) {
            rowStarts[d] = below.indices()[d].add(imageRow).mul(width * deformableGroups);
            colOffsets[d] = right.indices()[d].mul(deformableGroups).add(group);
        }
        NDArray sampled = null;
        for (int dy = 0; dy <= 1; dy++) {
            for (int dx = 0; dx <= 1; dx++) {
                NDArray index = rowStarts[dy].add(colOffsets[dx]).reshape(-1);
                NDArray weight = below.weights()[dy].mul(right.weights()[dx]).reshape(-1, 1);
                // Release each corner's raw samples at once (autograd keeps what it needs).
                NDArray values = source.get(new NDIndex("{}", index));
                NDArray corner = values.mul(weight);
                values.close();
                if (sampled == null) {
                    sampled = corner;
                } else {
                    sampled.addi(corner);
                    corner.close();
                }
            }
        }

        // (B, Ho*Wo, K*C) x (K*C, O): the weight reordered to (O, tap, channel), used transposed.
        NDArray columns = sampled.reshape(batch, outHeight * outWidth, taps * channels);
        NDArray weightRows = w.reshape(filters, channels, taps).transpose(0, 2, 1)
                .reshape(filters, taps * channels);
        NDArray result = columns.matMul(weightRows.transpose());
        if (b != null) {
            result = result.add(b);
        }
        return result.reshape(batch, outHeight, outWidth, filters).transpose(0, 3, 1, 2);
    }

    /**
     * The two integer neighbours {@code floor(p)} and {@code floor(p) + 1} of fractional positions
     * along one axis: their bilinear weights {@code 1 - frac} and {@code frac}, set to zero where
     * the neighbour lies outside {@code [0, size)}, and their indices clipped into the image.
     * A position not inside {@code (-1, size)}, NaN and infinities included, has no neighbour in
     * the image: it is moved to {@code -2} first, so it samples zero, gets no gradient, and never
     * becomes an index outside the image.
     */
    private record Neighbours(NDArray[] weights, NDArray[] indices) {

        static Neighbours of(NDArray raw, long size) {
            NDArray near = raw.gt(-1).logicalAnd(raw.lt(size)); // false for NaN
            NDArray positions = NDArrays.where(near, raw, Constants.scalar(raw, -2));
            NDArray floor = positions.floor();
            NDArray frac = positions.sub(floor);
            NDArray[] weights = {frac.neg().add(1), frac};
            NDArray[] indices = new NDArray[2];
            for (int d = 0; d <= 1; d++) {
                NDArray neighbour = floor.add(d);
                NDArray inside = neighbour.gte(0).logicalAnd(neighbour.lte(size - 1))
                        .toType(positions.getDataType(), false);
                weights[d] = weights[d].mul(inside);
                indices[d] = neighbour.clip(0, size - 1).toType(DataType.INT64, false);
            }
            return new Neighbours(weights, indices);
        }
    }

    /**
     * Regular-grid sampling coordinate of every (output pixel, tap), {@code (1, Ho*Wo*k*k, 1)}:
     * {@code o*s - pad + i*d} along rows ({@code o} the output row, {@code i} the tap row) or
     * columns.
     */
    private NDArray gridPositions(
            NDManager scope, long outHeight, long outWidth, boolean rows, DataType type) {
        long[] outputAxisShape =
                rows ? new long[] {outHeight, 1, 1, 1} : new long[] {1, outWidth, 1, 1};
        long[] tapAxisShape = rows ? new long[] {1, 1, kernel, 1} : new long[] {1, 1, 1, kernel};
        NDArray outputAxis = scope.arange(0f, (float) (rows ? outHeight : outWidth))
                .mul(stride).sub(padding).reshape(outputAxisShape);
        NDArray tapAxis = scope.arange(0f, (float) kernel).mul(dilation).reshape(tapAxisShape);
        return outputAxis.add(tapAxis).broadcast(outHeight, outWidth, kernel, kernel)
                .reshape(1, outHeight * outWidth * kernel * kernel, 1).toType(type, false);
    }

    private long outputSize(long size) {
        return (size + 2L * padding - (long) dilation * (kernel - 1) - 1) / stride + 1;
    }

    private Shape checkInputs(Shape[] shapes) {
        if (shapes.length != 2 || shapes[0].dimension() != 4) {
            throw new IllegalArgumentException("DeformableConv2d needs (x (B, C, H, W), offsets),"
                    + " got " + Arrays.toString(shapes));
        }
        Shape in = shapes[0];
        if (in.get(1) % deformableGroups != 0) {
            throw new IllegalArgumentException("DeformableConv2d channels " + in.get(1)
                    + " are not divisible by the " + deformableGroups + " deformable groups");
        }
        if (outputSize(in.get(2)) <= 0 || outputSize(in.get(3)) <= 0) {
            throw new IllegalArgumentException(
                    "DeformableConv2d input " + in + " is smaller than the dilated kernel");
        }
        Shape expected = new Shape(
                in.get(0), getOffsetChannels(), outputSize(in.get(2)), outputSize(in.get(3)));
        if (!shapes[1].equals(expected)) {
            throw new IllegalArgumentException("DeformableConv2d offsets must be " + expected
                    + " for input " + in + ", got " + shapes[1]);
        }
        return in;
    }

    /** Builder for {@link DeformableConv2d}. */
    public static final class Builder {
        private int filters;
        private int kernelSize;
        private int stride = 1;
        private int padding;
        private int dilation = 1;
        private int deformableGroups = 1;
        private boolean includeBias = true;

        private Builder() {}

        /**
         * @param filters output channels {@code O} (required, positive)
         * @return this builder
         */
        public Builder setFilters(int filters) {
            this.filters = filters;
            return this;
        }

        /**
         * @param kernelSize square kernel side {@code k} (required, positive)
         * @return this builder
         */
        public Builder setKernelSize(int kernelSize) {
            this.kernelSize = kernelSize;
            return this;
        }

        /**
         * @param stride stride in both directions (default 1)
         * @return this builder
         */
        public Builder optStride(int stride) {
            this.stride = stride;
            return this;
        }

        /**
         * @param padding zero padding on every side (default 0)
         * @return this builder
         */
        public Builder optPadding(int padding) {
            this.padding = padding;
            return this;
        }

        /**
         * @param dilation spacing of the regular grid taps (default 1)
         * @return this builder
         */
        public Builder optDilation(int dilation) {
            this.dilation = dilation;
            return this;
        }

        /**
         * @param deformableGroups channel groups that share one offset field (default 1, divides C)
         * @return this builder
         */
        public Builder optDeformableGroups(int deformableGroups) {
            this.deformableGroups = deformableGroups;
            return this;
        }

        /**
         * @param includeBias whether to add a per-filter bias (default true)
         * @return this builder
         */
        public Builder optBias(boolean includeBias) {
            this.includeBias = includeBias;
            return this;
        }

        /** @return the block */
        public DeformableConv2d build() {
            require(filters > 0, "filters", filters);
            require(kernelSize > 0, "kernel size", kernelSize);
            require(stride > 0, "stride", stride);
            require(padding >= 0, "padding", padding);
            require(dilation > 0, "dilation", dilation);
            require(deformableGroups > 0, "deformable groups", deformableGroups);
            return new DeformableConv2d(this);
        }

        private static void require(boolean ok, String what, int value) {
            if (!ok) {
                throw new IllegalArgumentException(
                        "DeformableConv2d " + what + " out of range: " + value);
            }
        }
    }
}
