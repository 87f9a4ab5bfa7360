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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * HAR-Net spatial attention: a stack of dilated 3x3 convolutions with symmetric rates predicts one
 * gate per pixel, which multiplies the feature map.
 *
 * <pre>
 *   h_0 = x,   h_i = ReLU(GN_4(Conv3x3_{d_i}(h_{i-1}))),  (d_1..d_4) = (1, 2, 5, 2)
 *   A(x) = sigmoid(Conv3x3(h_4)),   y = x * A(x)
 * </pre>
 *
 * Shapes: {@code x (B, C, H, W)}, every {@code h_i (B, 16, H, W)} (padding = dilation keeps the
 * size), {@code A (B, 1, H, W)}, {@code y (B, C, H, W)}. {@link #forward} returns {@code y};
 * {@link #attentionMap} returns {@code A} alone, for callers that gate other tensors with it (the
 * detection head multiplies one map into both towers). Both record {@code A} to an
 * {@link AttentionProbe} in the forward params, as {@link #PROBE_MAP}.
 *
 * <p>Li and Wang, 2019, "HAR-Net: Joint Learning of Hybrid Attention for Single-stage Object
 * Detection", arXiv:1904.11141. Deviation: the convolutions followed by GN carry no bias (GN's
 * shift makes it redundant), the final one does.
 */
public final class HarSpatialAttention extends AbstractBlock {

    /** Probe kind of the map {@code A (B, 1, H, W)}. */
    public static final String PROBE_MAP = "har-spatial-map";

    private final List<Conv2d> convs;
    private final List<GroupNorm> norms;
    private final Conv2d gate;

    private HarSpatialAttention(Builder builder) {
        List<Conv2d> convList = new ArrayList<>();
        List<GroupNorm> normList = new ArrayList<>();
        for (int i = 0; i < builder.dilations.length; i++) {
            int d = builder.dilations[i];
            convList.add(addChildBlock("conv" + (i + 1), Conv2d.builder()
                    .setKernelShape(new Shape(3, 3))
                    .optDilation(new Shape(d, d))
                    .optPadding(new Shape(d, d))
                    .setFilters(builder.hiddenChannels)
                    .optBias(false)
                    .build()));
            normList.add(addChildBlock("gn" + (i + 1),
                    GroupNorm.builder().setGroups(builder.normGroups).build()));
        }
        convs = Collections.unmodifiableList(convList);
        norms = Collections.unmodifiableList(normList);
        gate = addChildBlock("gate", Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(1)
                .build());
    }

    /** @return a builder with the paper's defaults (16 channels, GN 4 groups, rates 1, 2, 5, 2) */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        checkInput(inputShapes[0]);
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = checkInput(inputShapes[0]);
        for (int i = 0; i < convs.size(); i++) {
            convs.get(i).initialize(manager, dataType, shape);
            shape = convs.get(i).getOutputShapes(new Shape[] {shape})[0];
            norms.get(i).initialize(manager, dataType, shape);
        }
        gate.initialize(manager, dataType, shape);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(ForwardScope.apply(x, in -> in.mul(map(parameterStore, in, training, params))));
    }

    /**
     * Computes the attention map alone (and records it, as {@link #forward} does).
     *
     * @param parameterStore the parameter store
     * @param x features {@code (B, C, H, W)}
     * @param training whether in training mode
     * @param params forward parameters, may carry an {@link AttentionProbe}; may be {@code null}
     * @return {@code A (B, 1, H, W)} in {@code (0, 1)}, attached to {@code x}'s manager
     */
    public NDArray attentionMap(
            ParameterStore parameterStore, NDArray x, boolean training, PairList<String, Object> params) {
        return ForwardScope.apply(x, in -> map(parameterStore, in, training, params));
    }

    private NDArray map(
            ParameterStore parameterStore, NDArray x, boolean training, PairList<String, Object> params) {
        NDArray h = x;
        for (int i = 0; i < convs.size(); i++) {
            h = convs.get(i).forward(parameterStore, new NDList(h), training, params).singletonOrThrow();
            h = norms.get(i).forward(parameterStore, new NDList(h), training, params).singletonOrThrow();
            h = Activation.relu(h);
        }
        NDArray logits = gate.forward(parameterStore, new NDList(h), training, params).singletonOrThrow();
        NDArray map = Activation.sigmoid(logits);
        AttentionProbe.in(params).ifPresent(probe -> probe.record(this, PROBE_MAP, map));
        return map;
    }

    private static Shape checkInput(Shape input) {
        if (input.dimension() != 4) {
            throw new IllegalArgumentException("HarSpatialAttention needs (B, C, H, W), got " + input);
        }
        return input;
    }

    /** Builder for {@link HarSpatialAttention}; every setting is optional. */
    public static final class Builder {
        private int hiddenChannels = 16;
        private int normGroups = 4;
        private int[] dilations = {1, 2, 5, 2};

        private Builder() {}

        /**
         * @param hiddenChannels channels of the dilated convolutions (default 16)
         * @return this builder
         */
        public Builder optHiddenChannels(int hiddenChannels) {
            this.hiddenChannels = hiddenChannels;
            return this;
        }

        /**
         * @param normGroups group-norm groups after each dilated convolution (default 4)
         * @return this builder
         */
        public Builder optNormGroups(int normGroups) {
            this.normGroups = normGroups;
            return this;
        }

        /**
         * @param dilations the rates of the stacked 3x3 convolutions (default 1, 2, 5, 2)
         * @return this builder
         */
        public Builder optDilations(int... dilations) {
            this.dilations = dilations.clone();
            return this;
        }

        /** @return the block */
        public HarSpatialAttention build() {
            if (hiddenChannels <= 0 || normGroups <= 0 || hiddenChannels % normGroups != 0) {
                throw new IllegalArgumentException("HarSpatialAttention needs positive hidden channels"
                        + " divisible by the GN groups, got " + hiddenChannels + " channels, "
                        + normGroups + " groups");
            }
            if (dilations.length == 0 || Arrays.stream(dilations).anyMatch(d -> d <= 0)) {
                throw new IllegalArgumentException(
                        "HarSpatialAttention dilations must be positive and non-empty, got "
                                + Arrays.toString(dilations));
            }
            return new HarSpatialAttention(this);
        }
    }
}
