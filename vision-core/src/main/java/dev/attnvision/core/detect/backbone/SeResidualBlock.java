package dev.attnvision.core.detect.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.attnvision.attention.SpatialAttention;
import dev.attnvision.attention.SqueezeExcitation;
import dev.attnvision.core.detect.BlockCalls;

/**
 * A basic residual block (He et al. 2016, "Deep Residual Learning", arXiv 1512.03385) with squeeze-excitation on
 * the residual branch (Hu et al. 2018, arXiv 1709.01507, figure 3) and optional CBAM spatial attention after it
 * (Woo et al. 2018, arXiv 1807.06521).
 *
 * <pre>
 *   r   = bn2(conv2_3x3(relu(bn1(conv1_3x3,stride s(x)))))
 *   r   = spatial(se(r))                          each optional
 *   out = relu(r + shortcut(x))                   shortcut = bn(conv_1x1,stride s(x)) when the shape changes, else x
 * </pre>
 * Shapes: (B, C_in, H, W) to (B, C_out, ceil(H/s), ceil(W/s)). Channels-last inputs stay channels-last.
 *
 * <p>The strided 1x1 shortcut convolution runs as its equal, a stride-1 1x1 convolution of {@code x[:, :, ::s, ::s]}:
 * oneDNN's 1x1 backward-weights kernel in PyTorch 2.7.1 (CPU) corrupts memory on a stride-2 1x1 convolution of a
 * channels-last input with fewer than 16 channels (for example 8 channels at 64 x 64), which aborts the JVM.
 */
public final class SeResidualBlock extends AbstractBlock {
    private final int outChannels;
    private final int stride;
    private final Conv2d conv1;
    private final BatchNorm bn1;
    private final Conv2d conv2;
    private final BatchNorm bn2;
    private final SqueezeExcitation se;
    private final SpatialAttention spatial;
    private final Conv2d downsampleConv;
    private final BatchNorm downsampleBn;

    /**
     * @param inChannels input channels
     * @param outChannels output channels
     * @param stride 1 or 2
     * @param seReduction squeeze-excitation reduction, or 0 for none
     * @param spatialAttention whether CBAM spatial attention follows
     */
    public SeResidualBlock(int inChannels, int outChannels, int stride, int seReduction, boolean spatialAttention) {
        if (inChannels < 1 || outChannels < 1 || (stride != 1 && stride != 2) || seReduction < 0) {
            throw new IllegalArgumentException("residual block needs positive channels, stride 1 or 2 and"
                    + " seReduction >= 0, got " + inChannels + " -> " + outChannels + ", stride " + stride
                    + ", reduction " + seReduction);
        }
        this.outChannels = outChannels;
        this.stride = stride;
        conv1 = addChildBlock("conv1", conv(outChannels, 3, stride));
        bn1 = addChildBlock("bn1", BatchNorm.builder().build());
        conv2 = addChildBlock("conv2", conv(outChannels, 3, 1));
        bn2 = addChildBlock("bn2", BatchNorm.builder().build());
        se = seReduction == 0 ? null : addChildBlock("se", SqueezeExcitation.builder().setChannels(outChannels)
                .optReduction(seReduction).build());
        spatial = spatialAttention ? addChildBlock("spatial", SpatialAttention.builder().build()) : null;
        boolean project = stride != 1 || inChannels != outChannels;
        downsampleConv = project ? addChildBlock("downsample_conv", conv(outChannels, 1, 1)) : null;
        downsampleBn = project ? addChildBlock("downsample_bn", BatchNorm.builder().build()) : null;
    }

    static Conv2d conv(int filters, int kernel, int stride) {
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2)).setFilters(filters).optBias(false).build();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), outChannels, (in.get(2) + stride - 1) / stride,
            (in.get(3) + stride - 1) / stride)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape mid = BlockCalls.initialize(manager, dataType, inputShapes[0], conv1, bn1, conv2, bn2);
        BlockCalls.initialize(manager, dataType, mid, se, spatial);
        Shape in = inputShapes[0];
        Shape sampled = new Shape(in.get(0), in.get(1), (in.get(2) + stride - 1) / stride,
                (in.get(3) + stride - 1) / stride);
        BlockCalls.initialize(manager, dataType, sampled, downsampleConv, downsampleBn);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        BlockCalls calls = new BlockCalls(store, training, params);
        return BlockCalls.scoped(inputs, in -> {
            NDArray x = in.singletonOrThrow();
            NDArray r = calls.chain(Activation.relu(calls.chain(x, conv1, bn1)), conv2, bn2, se, spatial);
            NDArray sampled = stride == 1 ? x : x.get(":, :, ::{}, ::{}", stride, stride);
            return new NDList(Activation.relu(r.add(calls.chain(sampled, downsampleConv, downsampleBn))));
        });
    }
}
