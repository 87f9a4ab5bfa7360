package dev.attnvision.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Attention in attention block (AAB) of A2N: an attention branch and a plain branch, mixed by
 * input-dependent weights from an "attention dropout module".
 *
 * <pre>
 *   y    = lrelu(conv_first(x))                          1x1, no bias
 *   a    = softmax(ADM.2(relu(ADM.0(mean_hw(y)))) / t)   linear C->C/r->2, no bias; (B, 2)
 *   mask = sigmoid(attention.k2(lrelu(attention.k1(y)))) 3x3 no bias, then 1x1 with bias
 *   att  = attention.k4(attention.k3(y) * mask)          3x3, 3x3, no bias
 *   non  = non_attention(y)                              3x3, no bias
 *   out  = conv_last(lrelu(a0 * att + a1 * non)) + x     1x1, no bias
 * </pre>
 * with {@code lrelu} the leaky ReLU of slope 0.2, reduction r (default 4) and temperature t
 * (default 30). Shapes: input and output (B, C, H, W).
 *
 * <p>Child blocks carry the official submodule paths ({@code conv_first}, {@code ADM.0}, {@code
 * ADM.2}, {@code attention.k1} .. {@code attention.k4}, {@code non_attention}, {@code
 * conv_last}), so {@link ParameterPaths} yields the official state_dict keys below an AAB's
 * prefix (e.g. {@code AAB_trunk.3.attention.k2.bias}). The probe receives the branch weights
 * (B, 2) as {@link #PROBE_BRANCH_WEIGHTS}, the pooled descriptor (B, C) they come from as
 * {@link #PROBE_POOLED} and the mask (B, C, H, W) as {@link #PROBE_MASK}. A {@link PooledContext}
 * in the params replaces the pooled descriptor (tiles of one image share the image's).
 *
 * <p>Paper: H. Chen, J. Gu, Z. Zhang, "Attention in Attention Network for Image
 * Super-Resolution", 2021, arXiv:2104.09497. Deviation from the official code: the attention
 * branch's layers are direct children named {@code attention.kN} instead of an
 * {@code AttentionBranch} module; the maths and parameter layout are the same.
 */
public final class AttentionInAttentionBlock extends AbstractBlock {

    /** Probe kind of the softmax branch weights (B, 2): attention branch, then plain branch. */
    public static final String PROBE_BRANCH_WEIGHTS = "branch_weights";

    /** Probe kind of the pooled descriptor {@code mean_hw(y)} (B, C) the branch weights come from. */
    public static final String PROBE_POOLED = "pooled";

    /** Probe kind of the attention branch's sigmoid mask (B, C, H, W). */
    public static final String PROBE_MASK = "mask";

    /**
     * How far an output pixel reaches into the input, in pixels: the chain {@code attention.k1} (or {@code k3}),
     * then {@code attention.k4}, two 3x3 convolutions, apart from the image-wide pooling. A tile computed with this
     * much context of the true input (and the image's pooled descriptor) equals the whole-image result on its core.
     */
    public static final int RADIUS = 2;

    private static final byte VERSION = 1;
    private static final float SLOPE = 0.2f;
    private static final int BRANCHES = 2;

    private final int channels;
    private final int hidden;
    private final float temperature;
    private final Conv2d convFirst;
    private final Linear admReduce;
    private final Linear admExpand;
    private final Conv2d k1;
    private final Conv2d k2;
    private final Conv2d k3;
    private final Conv2d k4;
    private final Conv2d nonAttention;
    private final Conv2d convLast;

    private AttentionInAttentionBlock(Builder builder) {
        super(VERSION);
        channels = builder.channels;
        hidden = channels / builder.reduction;
        temperature = builder.temperature;
        convFirst = addChildBlock("conv_first", conv(1, false));
        admReduce = addChildBlock("ADM.0", Linear.builder().setUnits(hidden).optBias(false).build());
        admExpand = addChildBlock("ADM.2", Linear.builder().setUnits(BRANCHES).optBias(false).build());
        k1 = addChildBlock("attention.k1", conv(3, false));
        k2 = addChildBlock("attention.k2", conv(1, true));
        k3 = addChildBlock("attention.k3", conv(3, false));
        k4 = addChildBlock("attention.k4", conv(3, false));
        nonAttention = addChildBlock("non_attention", conv(3, false));
        convLast = addChildBlock("conv_last", conv(1, false));
    }

    private Conv2d conv(int kernel, boolean bias) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(channels)
                .optBias(bias)
                .build();
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
        return new Shape[] {NchwShapes.require(inputShapes[0], channels, "AttentionInAttentionBlock")};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape map = NchwShapes.require(inputShapes[0], channels, "AttentionInAttentionBlock");
        for (Block conv : new Block[] {convFirst, k1, k2, k3, k4, nonAttention, convLast}) {
            conv.initialize(manager, dataType, map);
        }
        admReduce.initialize(manager, dataType, new Shape(map.get(0), channels));
        admExpand.initialize(manager, dataType, new Shape(map.get(0), hidden));
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        ChildCalls calls = new ChildCalls(parameterStore, training, params);
        return new NDList(ForwardScope.apply(inputs.singletonOrThrow(), x -> {
            NDArray y = Activation.leakyRelu(calls.run(convFirst, x), SLOPE);
            NDArray pooled = PooledContext.in(params).flatMap(c -> c.descriptor(this))
                    .map(d -> y.getManager().create(d, new Shape(1, channels)))
                    .orElseGet(() -> GlobalPooling.average(y));
            NDArray logits = calls.run(admExpand, Activation.relu(calls.run(admReduce, pooled)));
            NDArray weights = logits.div(Constants.scalar(logits, temperature)).softmax(1);
            NDArray mask = Activation.sigmoid(
                    calls.run(k2, Activation.leakyRelu(calls.run(k1, y), SLOPE)));
            AttentionProbe.in(params).ifPresent(p -> {
                p.record(this, PROBE_POOLED, pooled);
                p.record(this, PROBE_BRANCH_WEIGHTS, weights);
                p.record(this, PROBE_MASK, mask);
            });
            NDArray attention = calls.run(k4, calls.run(k3, y).mul(mask));
            NDArray plain = calls.run(nonAttention, y);
            NDList branchWeights = weights.reshape(-1, BRANCHES, 1, 1).split(BRANCHES, 1);
            NDArray mixed = Activation.leakyRelu(
                    attention.mul(branchWeights.get(0)).add(plain.mul(branchWeights.get(1))), SLOPE);
            return calls.run(convLast, mixed).add(x);
        }));
    }

    /**
     * Makes the block the identity, {@code out = x}, by zeroing {@code conv_last}, the last layer of its residual
     * branch. A network deepened with such blocks computes what it computed before, and training grows them from
     * there (Net2Net's deeper network: Chen, Goodfellow, Shlens 2016, "Net2Net: Accelerating Learning via Knowledge
     * Transfer", arXiv:1511.05641). {@code conv_last} gets gradients at once; the layers before it follow as it
     * moves away from zero. The block must be initialised.
     */
    public void startAsIdentity() {
        NDArray weight = convLast.getParameters().get("weight").getArray();
        ParameterValues.assign(weight, new float[Math.toIntExact(weight.size())]);
    }

    /**
     * The sum over the pixels of {@code x} of the features the attention dropout module pools, {@code
     * sum_hw(lrelu(conv_first(x)))}: summed over tiles that partition an image and divided by its area, the image's
     * descriptor, for a {@link PooledContext}.
     *
     * @param parameterStore the parameter store
     * @param x the block input (B, C, H, W), or a part of it
     * @return (B, C), in {@code x}'s manager
     */
    public NDArray pooledSum(ParameterStore parameterStore, NDArray x) {
        return ForwardScope.apply(x, in -> Activation.leakyRelu(
                convFirst.forward(parameterStore, new NDList(in), false).singletonOrThrow(), SLOPE).sum(new int[] {2, 3}));
    }

    /** Builds an {@link AttentionInAttentionBlock}. */
    public static final class Builder {
        private int channels;
        private int reduction = 4;
        private float temperature = 30f;

        private Builder() {}

        /**
         * Sets the channel count C of input, output and all convolutions (A2N: 40).
         *
         * @param channels at least 1
         * @return this builder
         */
        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Sets the reduction r of the attention dropout module's hidden width C / r (floor).
         *
         * @param reduction between 1 and C; default 4
         * @return this builder
         */
        public Builder optReduction(int reduction) {
            this.reduction = reduction;
            return this;
        }

        /**
         * Sets the softmax temperature t of the branch weights.
         *
         * @param temperature positive and finite; default 30
         * @return this builder
         */
        public Builder optTemperature(float temperature) {
            this.temperature = temperature;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException if a value is out of range
         */
        public AttentionInAttentionBlock build() {
            NchwShapes.requireChannels(channels, "AttentionInAttentionBlock");
            if (reduction < 1 || reduction > channels) {
                throw new IllegalArgumentException("AttentionInAttentionBlock: reduction must be in [1, "
                        + channels + "], got " + reduction);
            }
            if (!(temperature > 0) || Float.isInfinite(temperature)) {
                throw new IllegalArgumentException(
                        "AttentionInAttentionBlock: temperature must be positive and finite, got "
                                + temperature);
            }
            return new AttentionInAttentionBlock(this);
        }
    }
}
