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
 * The machinery {@link SqueezeExcitation} and {@link ChannelAttention} share: global pooling to
 * (B, C) descriptors, one bottleneck MLP {@code fc2(relu(fc1(.)))} with biases applied to every
 * descriptor, the sum of the results, a sigmoid, and the channel-wise product with the input.
 *
 * <p>With max pooling the average and maximum descriptors run through the MLP as one (2B, C)
 * batch. The hidden width is {@code max(C / r, minHidden)}.
 */
abstract class ChannelGate extends AbstractBlock {

    /** Probe kind of the channel weights, (B, C) in (0, 1). */
    static final String PROBE_KIND = "channel_weights";

    private static final byte VERSION = 1;

    private final String name;
    private final int channels;
    private final int hidden;
    private final boolean maxPool;
    private final Linear fc1;
    private final Linear fc2;

    ChannelGate(String name, Builder<?> builder, int hidden, boolean maxPool) {
        super(VERSION);
        this.name = name;
        this.channels = builder.channels;
        this.hidden = hidden;
        this.maxPool = maxPool;
        fc1 = addChildBlock("fc1", Linear.builder().setUnits(hidden).build());
        fc2 = addChildBlock("fc2", Linear.builder().setUnits(channels).build());
    }

    /**
     * Returns the hidden width h of the MLP.
     *
     * @return h
     */
    public int getHidden() {
        return hidden;
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {NchwShapes.require(inputShapes[0], channels, name)};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long descriptors = NchwShapes.require(inputShapes[0], channels, name).get(0) * (maxPool ? 2 : 1);
        fc1.initialize(manager, dataType, new Shape(descriptors, channels));
        fc2.initialize(manager, dataType, new Shape(descriptors, hidden));
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        ChildCalls calls = new ChildCalls(parameterStore, training, params);
        return new NDList(ForwardScope.apply(inputs.singletonOrThrow(), x -> {
            NDArray average = GlobalPooling.average(x);
            NDArray descriptors = maxPool ? average.concat(GlobalPooling.max(x), 0) : average;
            NDArray logits = calls.run(fc2, Activation.relu(calls.run(fc1, descriptors)));
            if (maxPool) {
                NDList perPool = logits.split(2, 0);
                logits = perPool.get(0).add(perPool.get(1));
            }
            NDArray weights = Activation.sigmoid(logits);
            AttentionProbe.in(params).ifPresent(p -> p.record(this, PROBE_KIND, weights));
            return x.mul(weights.reshape(-1, channels, 1, 1));
        }));
    }

    /**
     * The settings of a channel gate.
     *
     * @param <B> the concrete builder
     */
    abstract static class Builder<B extends Builder<B>> {
        private int channels;
        private int reduction = 16;
        private int minHidden = 8;

        /**
         * Returns this builder as its concrete type.
         *
         * @return this
         */
        protected abstract B self();

        /**
         * Sets the channel count C.
         *
         * @param channels at least 1
         * @return this builder
         */
        public B setChannels(int channels) {
            this.channels = channels;
            return self();
        }

        /**
         * Sets the reduction ratio r of the hidden width.
         *
         * @param reduction at least 1; default 16
         * @return this builder
         */
        public B optReduction(int reduction) {
            this.reduction = reduction;
            return self();
        }

        /**
         * Sets the floor of the hidden width.
         *
         * @param minHidden at least 1; default 8
         * @return this builder
         */
        public B optMinHidden(int minHidden) {
            this.minHidden = minHidden;
            return self();
        }

        /**
         * Checks the values; called by {@code build()}.
         *
         * @param block the block's name, for messages
         * @return the hidden width {@code max(C / r, minHidden)}
         * @throws IllegalArgumentException if a value is out of range
         */
        int checkedHidden(String block) {
            NchwShapes.requireChannels(channels, block);
            if (reduction < 1) {
                throw new IllegalArgumentException(
                        block + ": reduction must be at least 1, got " + reduction);
            }
            if (minHidden < 1) {
                throw new IllegalArgumentException(
                        block + ": minHidden must be at least 1, got " + minHidden);
            }
            return Math.max(channels / reduction, minHidden);
        }
    }
}
