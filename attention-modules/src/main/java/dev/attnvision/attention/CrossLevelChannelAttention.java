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
 * level at once, so one set of channel weights rescales the features of all levels.
 *
 * <pre>
 *   h_l = ReLU(Conv3x3(x_l))                  l = 1..L, one convolution shared by all levels
 *   z   = [GAP(h_1), ..., GAP(h_L)]           (B, C, L) flattened channel-major: z[c*L + l]
 *   s   = sigmoid(W_2 ReLU(W_1 z + b_1) + b_2)
 *   y_l = h_l * s                             (s broadcast over H_l x W_l)
 * </pre>
 *
 * Shapes: input and output are NDLists of {@code L} arrays {@code (B, C, H_l, W_l)} ({@code L} and
 * {@code C} fixed at build time, sizes free per level); {@code W_1 (32, C*L)}, {@code W_2 (C, 32)},
 * {@code s (B, C)}. {@code s} is recorded to an {@link AttentionProbe} in the forward params, as
 * {@link #PROBE_WEIGHTS}.
 *
 * <p>Li and Wang, 2019, "HAR-Net: Joint Learning of Hybrid Attention for Single-stage Object
 * Detection", arXiv:1904.11141. As in the authors' Caffe model (py-HAR), the block is the last
 * convolution of a head tower: the 3x3 convolution is shared by all levels, its ReLU output is
 * both pooled and scaled, and the pooled vectors are concatenated channel-major, so their
 * {@code fc1} weight imports unchanged. The paper's "cross-level group normalisation" normalises
 * the tower's earlier convolutions with statistics over all levels ({@link GroupNorm} given all
 * levels); it is not part of this block.
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
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
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
            ChildCalls calls = new ChildCalls(parameterStore, training, params);
            NDList features = new NDList(levels);
            NDList pooled = new NDList(levels);
            for (NDArray level : inputs) {
                NDArray h = Activation.relu(calls.run(conv, level));
                features.add(h);
                pooled.add(Pool.globalAvgPool2d(h));
            }
            NDArray z = NDArrays.stack(pooled, 2).reshape(-1, (long) channels * levels);
            NDArray weights = Activation.sigmoid(
                    calls.run(excite, Activation.relu(calls.run(squeeze, z))));
            AttentionProbe.in(params)
                    .ifPresent(probe -> probe.record(this, PROBE_WEIGHTS, weights));
            NDArray broadcastable = weights.reshape(-1, channels, 1, 1);
            NDList outputs = new NDList(levels);
            for (NDArray h : features) {
                outputs.add(scope.ret(h.mul(broadcastable)));
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
            boolean fits = shape.dimension() == 4 && shape.get(1) == channels
                    && shape.get(0) == shapes[0].get(0);
            if (!fits) {
                throw new IllegalArgumentException("CrossLevelChannelAttention needs (B, "
                        + channels + ", H, W) on every level with one B, got " + shape
                        + " beside " + shapes[0]);
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
                throw new IllegalArgumentException("CrossLevelChannelAttention hidden units must"
                        + " be positive, got " + hiddenUnits);
            }
            return new CrossLevelChannelAttention(this);
        }
    }
}
