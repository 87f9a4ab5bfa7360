package dev.attnvision.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention over the positions of a feature map, with a residual connection.
 *
 * <pre>
 *   T      = tokens(x)                         (B, N, C), N = H * W, row-major positions
 *   Q, K, V = T Wq + bq, T Wk + bk, T Wv + bv    split into h heads of width d = C / h
 *   A_i    = softmax(Q_i K_i^T / sqrt(d))      (B, h, N, N), softmax over keys
 *   out    = x + map(concat_i(A_i V_i) Wo + bo)
 * </pre>
 * Shapes: input and output (B, C, H, W). Children {@code query}, {@code key}, {@code value},
 * {@code output}: C -> C linear maps with bias. The probe receives all A_i (B, h, N, N) as
 * {@link #PROBE_WEIGHTS}. Cost grows with N^2: meant for a backbone's last, coarse stage. A
 * channels-last input makes the (B, N, C) token view free.
 *
 * <p>Papers: A. Vaswani et al., "Attention Is All You Need", NeurIPS 2017, arXiv:1706.03762
 * (scaled dot-product, heads); X. Wang, R. Girshick, A. Gupta, K. He, "Non-local Neural
 * Networks", CVPR 2018, arXiv:1711.07971 (positions of a feature map as tokens, residual).
 * Deviations: no positional encoding, no normalisation and no dropout, as in the non-local block.
 */
public final class MultiHeadSelfAttention2d extends AbstractBlock {

    /** Probe kind of the attention weights, (B, h, N, N); each row sums to 1. */
    public static final String PROBE_WEIGHTS = "weights";

    private static final byte VERSION = 1;

    private final int channels;
    private final int heads;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;

    private MultiHeadSelfAttention2d(Builder builder) {
        super(VERSION);
        channels = builder.channels;
        heads = builder.heads;
        query = addChildBlock("query", Linear.builder().setUnits(channels).build());
        key = addChildBlock("key", Linear.builder().setUnits(channels).build());
        value = addChildBlock("value", Linear.builder().setUnits(channels).build());
        output = addChildBlock("output", Linear.builder().setUnits(channels).build());
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
        return new Shape[] {NchwShapes.require(inputShapes[0], channels, "MultiHeadSelfAttention2d")};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = NchwShapes.require(inputShapes[0], channels, "MultiHeadSelfAttention2d");
        Shape tokens = new Shape(x.get(0), x.get(2) * x.get(3), channels);
        for (Linear projection : new Linear[] {query, key, value, output}) {
            projection.initialize(manager, dataType, tokens);
        }
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        ChildCalls calls = new ChildCalls(parameterStore, training, params);
        return new NDList(ForwardScope.apply(inputs.singletonOrThrow(), x -> {
            Shape s = x.getShape();
            long batch = s.get(0);
            long height = s.get(2);
            long width = s.get(3);
            long positions = height * width;
            long depth = channels / heads;
            NDArray tokens = x.transpose(0, 2, 3, 1).reshape(batch, positions, channels);
            NDArray q = splitHeads(calls.run(query, tokens), depth);
            NDArray k = splitHeads(calls.run(key, tokens), depth);
            NDArray v = splitHeads(calls.run(value, tokens), depth);
            NDArray logits = q.matMul(k.transpose(0, 1, 3, 2));
            NDArray weights = logits.div(Constants.scalar(logits, Math.sqrt(depth))).softmax(3);
            AttentionProbe.in(params).ifPresent(p -> p.record(this, PROBE_WEIGHTS, weights));
            NDArray mixed = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, positions, channels);
            NDArray projected = calls.run(output, mixed);
            return x.add(projected.reshape(batch, height, width, channels).transpose(0, 3, 1, 2));
        }));
    }

    /** (B, N, C) to (B, h, N, d). */
    private NDArray splitHeads(NDArray tokens, long depth) {
        Shape s = tokens.getShape();
        return tokens.reshape(s.get(0), s.get(1), heads, depth).transpose(0, 2, 1, 3);
    }

    /** Builds a {@link MultiHeadSelfAttention2d}. */
    public static final class Builder {
        private int channels;
        private int heads = 1;

        private Builder() {}

        /**
         * Sets the channel count C, also the token width.
         *
         * @param channels at least 1
         * @return this builder
         */
        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Sets the number of heads h.
         *
         * @param heads at least 1 and dividing C; default 1
         * @return this builder
         */
        public Builder optHeads(int heads) {
            this.heads = heads;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException if a value is out of range
         */
        public MultiHeadSelfAttention2d build() {
            NchwShapes.requireChannels(channels, "MultiHeadSelfAttention2d");
            if (heads < 1 || channels % heads != 0) {
                throw new IllegalArgumentException("MultiHeadSelfAttention2d: heads must be positive"
                        + " and divide " + channels + " channels, got " + heads);
            }
            return new MultiHeadSelfAttention2d(this);
        }
    }
}
