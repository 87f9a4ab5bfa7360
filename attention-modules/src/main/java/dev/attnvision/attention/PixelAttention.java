package dev.attnvision.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Pixel attention: a sigmoid gate per channel and position, from a 1x1 convolution of the input.
 *
 * <pre>
 *   out = x * sigmoid(conv(x)),   conv: 1x1, C -> C, with bias
 * </pre>
 *
 * <p>Shapes: input and output (B, C, H, W). Parameters: {@code conv.weight} (C, C, 1, 1) and
 * {@code conv.bias} (C), named like the official {@code PA.conv} so that A2N's {@code att1.conv.*}
 * keys map one to one. The probe receives the gate {@code sigmoid(conv(x))} (B, C, H, W) as
 * {@link #PROBE_GATE}.
 *
 * <p>Paper: H. Chen, J. Gu, Z. Zhang, "Attention in Attention Network for Image
 * Super-Resolution", 2021, arXiv:2104.09497 (A2N), after Zhao et al., PAN, arXiv:2010.01073.
 * Matches the official code; no deviations.
 */
public final class PixelAttention extends AbstractBlock {

    /** Probe kind of the gate, (B, C, H, W) in (0, 1). */
    public static final String PROBE_GATE = "gate";

    private static final byte VERSION = 1;

    private final int channels;
    private final Conv2d conv;

    private PixelAttention(Builder builder) {
        super(VERSION);
        channels = builder.channels;
        conv = addChildBlock("conv",
                Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(channels).build());
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
        return new Shape[] {NchwShapes.require(inputShapes[0], channels, "PixelAttention")};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType,
                NchwShapes.require(inputShapes[0], channels, "PixelAttention"));
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        ChildCalls calls = new ChildCalls(parameterStore, training, params);
        return new NDList(ForwardScope.apply(inputs.singletonOrThrow(), x -> {
            NDArray gate = Activation.sigmoid(calls.run(conv, x));
            AttentionProbe.in(params).ifPresent(p -> p.record(this, PROBE_GATE, gate));
            return x.mul(gate);
        }));
    }

    /** Builds a {@link PixelAttention}. */
    public static final class Builder {
        private int channels;

        private Builder() {}

        /**
         * Sets the channel count C of input and output.
         *
         * @param channels at least 1
         * @return this builder
         */
        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException if the channel count is not set or not positive
         */
        public PixelAttention build() {
            NchwShapes.requireChannels(channels, "PixelAttention");
            return new PixelAttention(this);
        }
    }
}
