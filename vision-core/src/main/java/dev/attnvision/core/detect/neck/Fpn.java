package dev.attnvision.core.detect.neck;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.attnvision.attention.AlignedAttention;
import dev.attnvision.attention.DeformableConv2d;
import dev.attnvision.core.detect.BlockCalls;
import java.util.List;

/**
 * Feature pyramid network (Lin et al. 2017, "Feature Pyramid Networks for Object Detection", arXiv 1612.03144)
 * in RetinaNet's form (arXiv 1708.02002): P3-P5 from C3-C5, optionally P6 and P7.
 *
 * <pre>
 *   L_i = lateral_i(C_i)                    1x1 convolutions; for C5 optionally HAR-Net aligned attention
 *   M_5 = L_5,  M_i = L_i + up2(M_{i+1})    nearest-neighbour upsampling, cropped to L_i's size
 *   P_i = output_i(M_i)                     3x3 convolutions
 *   P_6 = conv_3x3,s2(P_5),  P_7 = conv_3x3,s2(relu(P_6))
 * </pre>
 * Inputs (B, C_i, H_i, W_i) for strides 8, 16, 32; outputs (B, F, H_i, W_i) per level, F = channels. The extra
 * levels start from P5 (mmdetection's {@code add_extra_convs="on_output"}); the paper starts P6 from C5.
 */
public final class Fpn extends AbstractBlock {
    private final FpnConfig config;
    private final List<Block> laterals;
    private final List<Conv2d> outputs;
    private final Conv2d p6;
    private final Conv2d p7;

    /**
     * @param config width and options
     * @param inChannels channels of C3, C4, C5
     */
    public Fpn(FpnConfig config, List<Integer> inChannels) {
        if (inChannels.size() != 3) {
            throw new IllegalArgumentException("FPN takes C3, C4, C5: 3 input widths, got " + inChannels);
        }
        this.config = config;
        int f = config.channels();
        Block lateral5 = config.alignedAttention()
                ? AlignedAttention.around(DeformableConv2d.builder().setFilters(f).setKernelSize(3).optPadding(1).build())
                : conv(f, 1, 1);
        laterals = List.of(addChildBlock("lateral3", conv(f, 1, 1)), addChildBlock("lateral4", conv(f, 1, 1)),
                addChildBlock("lateral5", lateral5));
        outputs = List.of(addChildBlock("output3", conv(f, 3, 1)), addChildBlock("output4", conv(f, 3, 1)),
                addChildBlock("output5", conv(f, 3, 1)));
        p6 = config.extraLevels() ? addChildBlock("p6", conv(f, 3, 2)) : null;
        p7 = config.extraLevels() ? addChildBlock("p7", conv(f, 3, 2)) : null;
    }

    private static Conv2d conv(int filters, int kernel, int stride) {
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2)).setFilters(filters).build();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[config.levels()];
        for (int i = 0; i < 3; i++) {
            out[i] = new Shape(inputShapes[i].get(0), config.channels(), inputShapes[i].get(2), inputShapes[i].get(3));
        }
        for (int i = 3; i < out.length; i++) {
            Shape below = out[i - 1];
            out[i] = new Shape(below.get(0), config.channels(), (below.get(2) + 1) / 2, (below.get(3) + 1) / 2);
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (int i = 0; i < 3; i++) {
            BlockCalls.initialize(manager, dataType, inputShapes[i], laterals.get(i), outputs.get(i));
        }
        Shape p5 = getOutputShapes(inputShapes)[2];
        BlockCalls.initialize(manager, dataType, p5, p6, p7);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        BlockCalls calls = new BlockCalls(store, training, params);
        return BlockCalls.scoped(inputs, in -> {
            NDArray[] merged = new NDArray[3];
            merged[2] = calls.run(laterals.get(2), in.get(2));
            for (int i = 1; i >= 0; i--) {
                NDArray lateral = calls.run(laterals.get(i), in.get(i));
                merged[i] = lateral.add(upsampleTo(merged[i + 1], lateral.getShape()));
            }
            NDList pyramid = new NDList();
            for (int i = 0; i < 3; i++) {
                pyramid.add(calls.run(outputs.get(i), merged[i]));
            }
            if (config.extraLevels()) {
                NDArray six = calls.run(p6, pyramid.get(2));
                pyramid.add(six);
                pyramid.add(calls.run(p7, Activation.relu(six)));
            }
            return pyramid;
        });
    }

    /** Nearest-neighbour 2x upsampling of (B, C, h, w), cropped to the target's height and width. */
    private static NDArray upsampleTo(NDArray x, Shape target) {
        NDArray up = x.repeat(2, 2).repeat(3, 2);
        return up.get(":, :, 0:{}, 0:{}", target.get(2), target.get(3));
    }
}
