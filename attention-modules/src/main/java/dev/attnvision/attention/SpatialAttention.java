package dev.attnvision.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * CBAM's spatial attention: one weight per position, from a convolution over the channel-wise
 * maximum and mean.
 *
 * <pre>
 *   d   = [max_c(x); mean_c(x)]                (B, 2, H, W)
 *   m   = sigmoid(bn(conv(d)))                 conv: k x k (default 7), 2 -> 1, zero padding k / 2
 *   out = x * m                                m broadcast over C
 * </pre>
 * The batch norm is optional (default off); without it the convolution has a bias, with it the
 * convolution has none and {@code bn} adds gamma, beta and running statistics. Shapes: input and
 * output (B, C, H, W) for any C. The probe receives m (B, 1, H, W) as {@link #PROBE_MAP}.
 *
 * <p>Paper: S. Woo, J. Park, J.-Y. Lee, I. S. Kweon, "CBAM: Convolutional Block Attention
 * Module", ECCV 2018, arXiv:1807.06521. Deviation: the official code always applies a batch
 * norm after the convolution (set {@code optBatchNorm(true)} for that); the paper's equation and
 * our default have none.
 */
public final class SpatialAttention extends AbstractBlock {

    /** Probe kind of the spatial map m, (B, 1, H, W) in (0, 1). */
    public static final String PROBE_MAP = "map";

    private static final byte VERSION = 1;

    private final Conv2d conv;
    private final BatchNorm bn; // null when built without batch norm

    private SpatialAttention(Builder builder) {
        super(VERSION);
        int k = builder.kernelSize;
        conv = addChildBlock("conv", Conv2d.builder()
                .setKernelShape(new Shape(k, k))
                .optPadding(new Shape(k / 2, k / 2))
                .setFilters(1)
                .optBias(!builder.batchNorm)
                .build());
        bn = builder.batchNorm ? addChildBlock("bn", BatchNorm.builder().build()) : null;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {requireRank4(inputShapes[0])};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = requireRank4(inputShapes[0]);
        Shape descriptors = new Shape(x.get(0), 2, x.get(2), x.get(3));
        conv.initialize(manager, dataType, descriptors);
        if (bn != null) {
            bn.initialize(manager, dataType, conv.getOutputShapes(new Shape[] {descriptors}));
        }
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        ChildCalls calls = new ChildCalls(parameterStore, training, params);
        return new NDList(ForwardScope.apply(inputs.singletonOrThrow(), x -> {
            NDArray descriptors = x.max(new int[] {1}, true).concat(x.mean(new int[] {1}, true), 1);
            NDArray logits = calls.run(conv, descriptors);
            NDArray map = Activation.sigmoid(bn == null ? logits : calls.run(bn, logits));
            AttentionProbe.in(params).ifPresent(p -> p.record(this, PROBE_MAP, map));
            return x.mul(map);
        }));
    }

    private static Shape requireRank4(Shape shape) {
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException(
                    "SpatialAttention expects a (B, C, H, W) input, got shape " + shape);
        }
        return shape;
    }

    /** Builds a {@link SpatialAttention}. */
    public static final class Builder {
        private int kernelSize = 7;
        private boolean batchNorm;

        private Builder() {}

        /**
         * Sets the kernel size k of the convolution.
         *
         * @param kernelSize odd and positive; default 7
         * @return this builder
         */
        public Builder optKernelSize(int kernelSize) {
            this.kernelSize = kernelSize;
            return this;
        }

        /**
         * Adds a batch norm after the convolution, as the official CBAM code does.
         *
         * @param batchNorm whether to normalise; default false
         * @return this builder
         */
        public Builder optBatchNorm(boolean batchNorm) {
            this.batchNorm = batchNorm;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException if the kernel size is even or not positive
         */
        public SpatialAttention build() {
            if (kernelSize < 1 || kernelSize % 2 == 0) {
                throw new IllegalArgumentException(
                        "SpatialAttention: kernelSize must be odd and positive, got " + kernelSize);
            }
            return new SpatialAttention(this);
        }
    }
}
