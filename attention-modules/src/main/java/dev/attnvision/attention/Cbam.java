package dev.attnvision.attention;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Convolutional block attention module: {@link ChannelAttention}, then {@link SpatialAttention}.
 *
 * <pre>
 *   out = spatial(channel(x))
 * </pre>
 * Shapes: input and output (B, C, H, W). Children {@code channel} and {@code spatial}; the probe
 * (if any) reaches both, so it receives their channel weights (B, C) and map (B, 1, H, W).
 *
 * <p>Paper: S. Woo, J. Park, J.-Y. Lee, I. S. Kweon, "CBAM: Convolutional Block Attention
 * Module", ECCV 2018, arXiv:1807.06521. Deviations: those of the two parts.
 */
public final class Cbam extends AbstractBlock {

    private static final byte VERSION = 1;

    private final ChannelAttention channel;
    private final SpatialAttention spatial;

    private Cbam(ChannelAttention channel, SpatialAttention spatial) {
        super(VERSION);
        this.channel = addChildBlock("channel", channel);
        this.spatial = addChildBlock("spatial", spatial);
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
     * Returns the channel attention part.
     *
     * @return the first child
     */
    public ChannelAttention getChannelAttention() {
        return channel;
    }

    /**
     * Returns the spatial attention part.
     *
     * @return the second child
     */
    public SpatialAttention getSpatialAttention() {
        return spatial;
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return spatial.getOutputShapes(channel.getOutputShapes(inputShapes));
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        channel.initialize(manager, dataType, inputShapes);
        spatial.initialize(manager, dataType, channel.getOutputShapes(inputShapes));
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        ChildCalls calls = new ChildCalls(parameterStore, training, params);
        return new NDList(ForwardScope.apply(inputs.singletonOrThrow(),
                x -> calls.run(spatial, calls.run(channel, x))));
    }

    /** Builds a {@link Cbam}. */
    public static final class Builder {
        private final ChannelAttention.Builder channel = ChannelAttention.builder();
        private final SpatialAttention.Builder spatial = SpatialAttention.builder();

        private Builder() {}

        /**
         * Sets the channel count C.
         *
         * @param channels at least 1
         * @return this builder
         */
        public Builder setChannels(int channels) {
            channel.setChannels(channels);
            return this;
        }

        /**
         * Sets the channel MLP's reduction ratio r (see {@link ChannelAttention}).
         *
         * @param reduction at least 1; default 16
         * @return this builder
         */
        public Builder optReduction(int reduction) {
            channel.optReduction(reduction);
            return this;
        }

        /**
         * Sets the floor of the channel MLP's hidden width (see {@link ChannelAttention}).
         *
         * @param minHidden at least 1; default 8
         * @return this builder
         */
        public Builder optMinHidden(int minHidden) {
            channel.optMinHidden(minHidden);
            return this;
        }

        /**
         * Sets the spatial convolution's kernel size (see {@link SpatialAttention}).
         *
         * @param kernelSize odd and positive; default 7
         * @return this builder
         */
        public Builder optKernelSize(int kernelSize) {
            spatial.optKernelSize(kernelSize);
            return this;
        }

        /**
         * Adds a batch norm to the spatial part (see {@link SpatialAttention}).
         *
         * @param batchNorm whether to normalise; default false
         * @return this builder
         */
        public Builder optBatchNorm(boolean batchNorm) {
            spatial.optBatchNorm(batchNorm);
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException if a value is out of range
         */
        public Cbam build() {
            return new Cbam(channel.build(), spatial.build());
        }
    }
}
