package dev.attnvision.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * HAR-Net aligned attention: a deformable convolution whose sampling offsets are predicted from the
 * same features, so each output pixel attends to the input positions that align with it.
 *
 * <pre>
 *   dp = Conv_{k x k}(x)                  (2*G*k*k channels, weights and bias start at zero)
 *   y  = DeformableConv2d(x, dp)          y(p) = sum_k w_k x(p + p_k + dp_k)
 * </pre>
 *
 * Shapes: {@code x (B, C, H, W)}, {@code dp (B, 2*G*k*k, Ho, Wo)}, {@code y (B, O, Ho, Wo)}; both
 * convolutions share kernel, stride, padding and dilation; {@code dp} is recorded to an
 * {@link AttentionProbe} in the forward params, as {@link #PROBE_OFFSETS}. Starting from zero offsets the block is
 * a plain convolution and learns to deform. Calling {@code setInitializer} on a parent for all
 * weights also re-initialises the offset convolution; re-zero it afterwards if that is not wanted.
 *
 * <p>Li and Wang, 2019, "HAR-Net: Joint Learning of Hybrid Attention for Single-stage Object
 * Detection", arXiv:1904.11141, built on Dai et al., 2017, "Deformable Convolutional Networks",
 * arXiv:1703.06211 (see {@link DeformableConv2d}).
 */
public final class AlignedAttention extends AbstractBlock {

    /** Probe kind of the predicted offsets {@code dp (B, 2*G*k*k, Ho, Wo)}, (dy, dx) pairs. */
    public static final String PROBE_OFFSETS = "har-aligned-offsets";

    private final Conv2d offsetConv;
    private final DeformableConv2d deformConv;

    private AlignedAttention(Builder builder) {
        int k = builder.kernelSize;
        int padding = builder.padding != null ? builder.padding : builder.dilation * (k - 1) / 2;
        deformConv = DeformableConv2d.builder()
                .setFilters(builder.filters)
                .setKernelSize(k)
                .optStride(builder.stride)
                .optPadding(padding)
                .optDilation(builder.dilation)
                .optDeformableGroups(builder.deformableGroups)
                .optBias(builder.includeBias)
                .build();
        offsetConv = addChildBlock("conv_offset", Conv2d.builder()
                .setKernelShape(new Shape(k, k))
                .optStride(new Shape(builder.stride, builder.stride))
                .optPadding(new Shape(padding, padding))
                .optDilation(new Shape(builder.dilation, builder.dilation))
                .setFilters(deformConv.getOffsetChannels())
                .build());
        offsetConv.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        addChildBlock("deform_conv", deformConv);
    }

    /** @return a builder; filters are required, the rest defaults to a 3x3 "same" convolution */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return deformConv.getOutputShapes(withOffsets(inputShapes));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        offsetConv.initialize(manager, dataType, inputShapes[0]);
        deformConv.initialize(manager, dataType, withOffsets(inputShapes));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(ForwardScope.apply(x, in -> {
            NDArray offsets = offsetConv.forward(parameterStore, new NDList(in), training, params).head();
            AttentionProbe.in(params).ifPresent(probe -> probe.record(this, PROBE_OFFSETS, offsets));
            return deformConv.forward(parameterStore, new NDList(in, offsets), training, params).head();
        }));
    }

    private Shape[] withOffsets(Shape[] inputShapes) {
        if (inputShapes.length != 1 || inputShapes[0].dimension() != 4) {
            throw new IllegalArgumentException(
                    "AlignedAttention needs one (B, C, H, W) input, got " + Arrays.toString(inputShapes));
        }
        return new Shape[] {inputShapes[0], offsetConv.getOutputShapes(inputShapes)[0]};
    }

    /** Builder for {@link AlignedAttention}. */
    public static final class Builder {
        private int filters;
        private int kernelSize = 3;
        private int stride = 1;
        private Integer padding;
        private int dilation = 1;
        private int deformableGroups = 1;
        private boolean includeBias = true;

        private Builder() {}

        /**
         * @param filters output channels (required, positive)
         * @return this builder
         */
        public Builder setFilters(int filters) {
            this.filters = filters;
            return this;
        }

        /**
         * @param kernelSize square kernel side (default 3)
         * @return this builder
         */
        public Builder optKernelSize(int kernelSize) {
            this.kernelSize = kernelSize;
            return this;
        }

        /**
         * @param stride stride (default 1)
         * @return this builder
         */
        public Builder optStride(int stride) {
            this.stride = stride;
            return this;
        }

        /**
         * @param padding zero padding (default {@code dilation * (kernelSize - 1) / 2}, "same" size)
         * @return this builder
         */
        public Builder optPadding(int padding) {
            this.padding = padding;
            return this;
        }

        /**
         * @param dilation dilation of the regular grid (default 1)
         * @return this builder
         */
        public Builder optDilation(int dilation) {
            this.dilation = dilation;
            return this;
        }

        /**
         * @param deformableGroups channel groups sharing one offset field (default 1)
         * @return this builder
         */
        public Builder optDeformableGroups(int deformableGroups) {
            this.deformableGroups = deformableGroups;
            return this;
        }

        /**
         * @param includeBias whether the deformable convolution adds a bias (default true)
         * @return this builder
         */
        public Builder optBias(boolean includeBias) {
            this.includeBias = includeBias;
            return this;
        }

        /** @return the block; the settings are checked by {@link DeformableConv2d.Builder#build} */
        public AlignedAttention build() {
            return new AlignedAttention(this);
        }
    }
}
