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
 * Squeeze-and-excitation: channel weights from the global average of each channel.
 *
 * <pre>
 *   s   = sigmoid(fc2(relu(fc1(mean_hw(x)))))   fc1: C -> h, fc2: h -> C, both with bias
 *   out = x * s                                  s broadcast over H and W
 * </pre>
 * with hidden width {@code h = max(C / r, minHidden)}, reduction r (default 16) and floor
 * minHidden (default 8). Shapes: input and output (B, C, H, W); parameters {@code fc1.weight}
 * (h, C), {@code fc1.bias} (h), {@code fc2.weight} (C, h), {@code fc2.bias} (C). The probe
 * receives s (B, C) as {@link #PROBE_CHANNEL_WEIGHTS}.
 *
 * <p>Paper: J. Hu, L. Shen, G. Sun, "Squeeze-and-Excitation Networks", CVPR 2018,
 * arXiv:1709.01507. Deviation: the floor on h is ours (the paper uses C / r only), so narrow
 * stages keep a usable bottleneck.
 */
public final class SqueezeExcitation extends AbstractBlock {

    /** Probe kind of the channel weights s, (B, C) in (0, 1). */
    public static final String PROBE_CHANNEL_WEIGHTS = "channel_weights";

    private static final byte VERSION = 1;

    private final int channels;
    private final int hidden;
    private final Linear fc1;
    private final Linear fc2;

    private SqueezeExcitation(Builder builder, int hidden) {
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

    /**
     * Returns the hidden width h of the excitation MLP.
     *
     * @return h
     */
    public int getHidden() {
        return hidden;
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {NchwShapes.require(inputShapes[0], channels, "SqueezeExcitation")};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = NchwShapes.require(inputShapes[0], channels, "SqueezeExcitation").get(0);
        fc1.initialize(manager, dataType, new Shape(batch, channels));
        fc2.initialize(manager, dataType, new Shape(batch, hidden));
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        ChildCalls calls = new ChildCalls(parameterStore, training, params);
        return new NDList(ForwardScope.apply(inputs.singletonOrThrow(), x -> {
            NDArray squeezed = GlobalPooling.average(x);
            NDArray weights = Activation.sigmoid(
                    calls.run(fc2, Activation.relu(calls.run(fc1, squeezed))));
            AttentionProbe.in(params).ifPresent(p -> p.record(this, PROBE_CHANNEL_WEIGHTS, weights));
            return x.mul(weights.reshape(-1, channels, 1, 1));
        }));
    }

    /** Builds a {@link SqueezeExcitation}. */
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
        public SqueezeExcitation build() {
            return new SqueezeExcitation(
                    this, BottleneckWidth.of(channels, reduction, minHidden, "SqueezeExcitation"));
        }
    }
}
