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
 * {@link AttentionProbe} in the forward params, as {@link #PROBE_OFFSETS}. Starting from zero
 * offsets the block is a plain convolution and learns to deform. Calling {@code setInitializer}
 * on a parent for all weights also re-initialises the offset convolution; re-zero it afterwards
 * if that is not wanted.
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

    private AlignedAttention(DeformableConv2d deformConv) {
        this.deformConv = deformConv;
        int k = deformConv.kernelSize();
        offsetConv = addChildBlock("conv_offset", Conv2d.builder()
                .setKernelShape(new Shape(k, k))
                .optStride(new Shape(deformConv.stride(), deformConv.stride()))
                .optPadding(new Shape(deformConv.padding(), deformConv.padding()))
                .optDilation(new Shape(deformConv.dilation(), deformConv.dilation()))
                .setFilters(deformConv.getOffsetChannels())
                .build());
        offsetConv.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        addChildBlock("deform_conv", deformConv);
    }

    /**
     * Aligned attention around {@code deformConv}: the offset convolution takes the deformable
     * convolution's kernel, stride, padding and dilation, so both see the same grid.
     *
     * @param deformConv a new, uninitialised deformable convolution (it becomes this block's child)
     * @return the block
     */
    public static AlignedAttention around(DeformableConv2d deformConv) {
        return new AlignedAttention(deformConv);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return deformConv.getOutputShapes(withOffsets(inputShapes));
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
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
            NDArray offsets = new ChildCalls(parameterStore, training, params).run(offsetConv, in);
            AttentionProbe.in(params)
                    .ifPresent(probe -> probe.record(this, PROBE_OFFSETS, offsets));
            return deformConv
                    .forward(parameterStore, new NDList(in, offsets), training, params)
                    .singletonOrThrow();
        }));
    }

    private Shape[] withOffsets(Shape[] inputShapes) {
        if (inputShapes.length != 1 || inputShapes[0].dimension() != 4) {
            throw new IllegalArgumentException("AlignedAttention needs one (B, C, H, W) input, got "
                    + Arrays.toString(inputShapes));
        }
        return new Shape[] {inputShapes[0], offsetConv.getOutputShapes(inputShapes)[0]};
    }
}
