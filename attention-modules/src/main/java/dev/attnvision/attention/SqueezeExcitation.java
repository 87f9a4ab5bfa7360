package dev.attnvision.attention;

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
public final class SqueezeExcitation extends ChannelGate {

    /** Probe kind of the channel weights s, (B, C) in (0, 1). */
    public static final String PROBE_CHANNEL_WEIGHTS = PROBE_KIND;

    private SqueezeExcitation(Builder builder, int hidden) {
        super("SqueezeExcitation", builder, hidden, false);
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
     * Builds a {@link SqueezeExcitation} from {@code setChannels}, {@code optReduction} and {@code
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
        public SqueezeExcitation build() {
            return new SqueezeExcitation(this, checkedHidden("SqueezeExcitation"));
        }
    }
}
