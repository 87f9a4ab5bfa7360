package dev.attnvision.attention;

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
 * output (B, C, H, W); parameters as in {@link SqueezeExcitation}. Both descriptors run through
 * the MLP as one (2B, C) batch. The probe receives s (B, C) as {@link #PROBE_CHANNEL_WEIGHTS}.
 *
 * <p>Paper: S. Woo, J. Park, J.-Y. Lee, I. S. Kweon, "CBAM: Convolutional Block Attention
 * Module", ECCV 2018, arXiv:1807.06521. Deviation: the floor on h is ours.
 */
public final class ChannelAttention extends ChannelGate {

    /** Probe kind of the channel weights s, (B, C) in (0, 1). */
    public static final String PROBE_CHANNEL_WEIGHTS = PROBE_KIND;

    private ChannelAttention(Builder builder, int hidden) {
        super("ChannelAttention", builder, hidden, true);
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
     * Builds a {@link ChannelAttention} from {@code setChannels}, {@code optReduction} and {@code
     * optMinHidden}.
     */
    public static final class Builder extends ChannelGate.Builder<Builder> {

        private Builder() {}

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException if a value is out of range
         */
        public ChannelAttention build() {
            return new ChannelAttention(this, checkedHidden("ChannelAttention"));
        }
    }
}
