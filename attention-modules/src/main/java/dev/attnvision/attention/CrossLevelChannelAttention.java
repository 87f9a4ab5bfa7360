package dev.attnvision.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * HAR-Net cross-level channel attention: squeeze-and-excitation whose squeeze sees every pyramid
 * level at once, so one set of channel weights rescales all levels.
 *
 * <pre>
 *   z_l = GAP(Conv3x3(x_l))                       l = 1..L, one convolution shared by all levels
 *   s   = sigmoid(W_2 ReLU(W_1 [z_1; ...; z_L] + b_1) + b_2)
 *   y_l = x_l * s                                 (s broadcast over H_l x W_l)
 * </pre>
 *
 * Shapes: input and output are NDLists of {@code L} arrays {@code (B, C, H_l, W_l)} ({@code L} and
 * {@code C} fixed at build time, sizes free per level); {@code z_l (B, C)}, {@code W_1 (32, L*C)},
 * {@code W_2 (C, 32)}, {@code s (B, C)}. {@code s} is recorded to an {@link AttentionProbe} in the
 * forward params, as {@link #PROBE_WEIGHTS}.
 *
 * <p>Li and Wang, 2019, "HAR-Net: Joint Learning of Hybrid Attention for Single-stage Object
 * Detection", arXiv:1904.11141. The 3x3 convolution is shared across levels, like every
 * convolution of the RetinaNet head this attention lives in, so a detector with any number of
 * levels has one set of weights. Deviation: the paper's abstract also names a cross-level group
 * normalisation in this module, which is not applied here.
 */
public final class CrossLevelChannelAttention extends AbstractBlock {

    /** Probe kind of the channel weights {@code s (B, C)}. */
    public static final String PROBE_WEIGHTS = "har-channel-weights";

    private final int levels;
    private final int channels;
    private final Conv2d conv;
    private final Linear squeeze;
    private final Linear excite;

    private CrossLevelChannelAttention(Builder builder) {
        levels = builder.levels;
        channels = builder.channels;
        conv = addChildBlock("conv", Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(channels)
                .build());
        squeeze = addChildBlock("fc1", Linear.builder().setUnits(builder.hiddenUnits).build());
        excite = addChildBlock("fc2", Linear.builder().setUnits(channels).build());
    }

    /** @return a builder; levels and channels are required */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        checkInputs(inputShapes);
        return inputShapes.clone();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        checkInputs(inputShapes);
        long batch = inputShapes[0].get(0);
        conv.initialize(manager, dataType, inputShapes[0]);
        Shape concatenated = new Shape(batch, (long) levels * channels);
        squeeze.initialize(manager, dataType, concatenated);
        excite.initialize(manager, dataType, squeeze.getOutputShapes(new Shape[] {concatenated}));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        checkInputs(inputs.getShapes());
        try (NDManager scope = NDManager.subManagerOf(inputs)) {
            scope.tempAttachAll(inputs);
            NDList pooled = new NDList(levels);
            for (NDArray level : inputs) {
                NDArray conved = conv.forward(parameterStore, new NDList(level), training, params).head();
                pooled.add(Pool.globalAvgPool2d(conved));
            }
            NDArray hidden = squeeze.forward(
                    parameterStore, new NDList(NDArrays.concat(pooled, 1)), training, params).head();
            NDArray logits = excite.forward(
                    parameterStore, new NDList(Activation.relu(hidden)), training, params).head();
            NDArray weights = Activation.sigmoid(logits);
            AttentionProbe.in(params).ifPresent(probe -> probe.record(this, PROBE_WEIGHTS, weights));
            NDArray broadcastable = weights.reshape(-1, channels, 1, 1);
            NDList outputs = new NDList(levels);
            for (NDArray level : inputs) {
                outputs.add(scope.ret(level.mul(broadcastable)));
            }
            return outputs;
        }
    }

    private void checkInputs(Shape[] shapes) {
        if (shapes.length != levels) {
            throw new IllegalArgumentException("CrossLevelChannelAttention was built for " + levels
                    + " levels, got " + shapes.length);
        }
        for (Shape shape : shapes) {
            if (shape.dimension() != 4 || shape.get(1) != channels || shape.get(0) != shapes[0].get(0)) {
                throw new IllegalArgumentException("CrossLevelChannelAttention needs (B, " + channels
                        + ", H, W) on every level with one B, got " + shape + " beside " + shapes[0]);
            }
        }
    }

    /** Builder for {@link CrossLevelChannelAttention}. */
    public static final class Builder {
        private int levels;
        private int channels;
        private int hiddenUnits = 32;

        private Builder() {}

        /**
         * @param levels number of pyramid levels {@code L} (required, positive)
         * @return this builder
         */
        public Builder setLevels(int levels) {
            this.levels = levels;
            return this;
        }

        /**
         * @param channels channels {@code C} of every level (required, positive)
         * @return this builder
         */
        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * @param hiddenUnits width of the squeeze layer (default 32)
         * @return this builder
         */
        public Builder optHiddenUnits(int hiddenUnits) {
            this.hiddenUnits = hiddenUnits;
            return this;
        }

        /** @return the block */
        public CrossLevelChannelAttention build() {
            if (levels <= 0) {
                throw new IllegalArgumentException(
                        "CrossLevelChannelAttention levels must be positive, got " + levels);
            }
            if (channels <= 0) {
                throw new IllegalArgumentException(
                        "CrossLevelChannelAttention channels must be positive, got " + channels);
            }
            if (hiddenUnits <= 0) {
                throw new IllegalArgumentException(
                        "CrossLevelChannelAttention hidden units must be positive, got " + hiddenUnits);
            }
            return new CrossLevelChannelAttention(this);
        }
    }
}
