package dev.attnvision.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * CBAM's channel attention: channel weights from the average and the maximum of each channel,
 * passed through one shared MLP.
 *
 * <pre>
 *   MLP(v) = fc2(relu(fc1(v)))                       fc1: C -> h, fc2: h -> C, both with bias
 *   s      = sigmoid(MLP(mean_hw(x)) + MLP(max_hw(x)))
 *   out    = x * s                                   s broadcast over H and W
 * </pre>
 * with {@code h = max(C / r, minHidden)}, r default 16, minHidden default 8. Shapes: input and
 * output (B, C, H, W). Both descriptors run through the MLP as one (2B, C) batch. The probe
 * receives s (B, C) as {@link #PROBE_CHANNEL_WEIGHTS}.
 *
 * <p>Paper: S. Woo, J. Park, J.-Y. Lee, I. S. Kweon, "CBAM: Convolutional Block Attention
 * Module", ECCV 2018, arXiv:1807.06521. Deviation: the floor on h is ours.
 */
public final class ChannelAttention extends AbstractBlock {

    /** Probe kind of the channel weights s, (B, C) in (0, 1). */
    public static final String PROBE_CHANNEL_WEIGHTS = "channel_weights";

    private static final byte VERSION = 1;

    private final int channels;
    private final int hidden;
    private final Linear fc1;
    private final Linear fc2;

    private ChannelAttention(Builder builder, int hidden) {
        super(VERSION);
        channels = builder.channels;
        this.hidden = hidden;
        fc1 = addChildBlock("fc1", Linear.builder().setUnits(hidden).build());
        fc2 = addChildBlock("fc2", Linear.builder().setUnits(channels).build());
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
        return new Shape[] {NchwShapes.require(inputShapes[0], channels, "ChannelAttention")};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = NchwShapes.require(inputShapes[0], channels, "ChannelAttention").get(0);
        fc1.initialize(manager, dataType, new Shape(2 * batch, channels));
        fc2.initialize(manager, dataType, new Shape(2 * batch, hidden));
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        ChildCalls calls = new ChildCalls(parameterStore, training, params);
        return new NDList(ForwardScope.apply(inputs.singletonOrThrow(), x -> {
            NDArray descriptors = GlobalPooling.average(x).concat(GlobalPooling.max(x), 0);
            NDList perPool = calls.run(fc2, Activation.relu(calls.run(fc1, descriptors))).split(2, 0);
            NDArray weights = Activation.sigmoid(perPool.get(0).add(perPool.get(1)));
            AttentionProbe.in(params).ifPresent(p -> p.record(this, PROBE_CHANNEL_WEIGHTS, weights));
            return x.mul(weights.reshape(-1, channels, 1, 1));
        }));
    }

    /** Builds a {@link ChannelAttention}. */
    public static final class Builder {
        private int channels;
        private int reduction = 16;
        private int minHidden = 8;

        private Builder() {}

        /**
         * Sets the channel count C.
         *
         * @param channels at least 1
         * @return this builder
         */
        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Sets the reduction ratio r.
         *
         * @param reduction at least 1; default 16
         * @return this builder
         */
        public Builder optReduction(int reduction) {
            this.reduction = reduction;
            return this;
        }

        /**
         * Sets the floor of the hidden width.
         *
         * @param minHidden at least 1; default 8
         * @return this builder
         */
        public Builder optMinHidden(int minHidden) {
            this.minHidden = minHidden;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException if a value is out of range
         */
        public ChannelAttention build() {
            return new ChannelAttention(
                    this, BottleneckWidth.of(channels, reduction, minHidden, "ChannelAttention"));
        }
    }
}
